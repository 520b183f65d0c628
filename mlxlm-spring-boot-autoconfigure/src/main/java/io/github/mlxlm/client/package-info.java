/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Reactive client for Apple's MLX-LM server ({@code mlx_lm.server}) over the starter's
 * wire: liveness and status, the model listing and MLX-aware model detection, text
 * completions (a call and a stream), the generation probe, and the server's identity from
 * {@code system_fingerprint}; records for what the server returns.
 * <p>
 * Knows nothing of Spring Boot: it needs only Spring WebFlux, Reactor Netty and Jackson,
 * so it can be used with a plain
 * {@link org.springframework.web.reactive.function.client.WebClient.Builder}.
 */
@NullMarked
package io.github.mlxlm.client;

import org.jspecify.annotations.NullMarked;

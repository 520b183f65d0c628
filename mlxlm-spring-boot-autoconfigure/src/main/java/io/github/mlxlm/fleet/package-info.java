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
 * Several MLX-LM servers behind Spring Cloud LoadBalancer: the MLX routing policy
 * (model-aware, conversation affinity for the per-server prompt cache, a load guard) and
 * the {@code WebClient} filters that count requests in flight for a whole response and
 * fail over when a connection could not be opened.
 * <p>
 * Knows nothing of Spring Boot: it needs Spring Cloud Commons and Spring Cloud
 * LoadBalancer, and the starter's {@link io.github.mlxlm.client.MlxLmClient} to check
 * each server.
 */
@NullMarked
package io.github.mlxlm.fleet;

import org.jspecify.annotations.NullMarked;

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
 * A wire-faithful stand-in for Apple's {@code mlx_lm.server}: HTTP/1.0, close-delimited
 * bodies, Python-style JSON, dropped connections on bad parameters, model swaps, SSE
 * keep-alive comments, and faults on demand. Entry points:
 * {@link io.github.mlxlm.simulator.MlxLmSimulator},
 * {@link io.github.mlxlm.simulator.MlxLmSimulatorExtension} and
 * {@link io.github.mlxlm.simulator.MlxLmSimulatorMain}.
 */
@org.jspecify.annotations.NullMarked
package io.github.mlxlm.simulator;

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

package io.github.mlxlm.autoconfigure.simulator;

import io.github.mlxlm.simulator.MlxLmSimulator;

/**
 * Callback to customize the embedded simulator before it starts, for example to script
 * replies, tool calls or reasoning for a demo or a test.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@FunctionalInterface
public interface MlxLmSimulatorBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the simulator builder, already set from {@code mlxlm.simulator.*}
	 */
	void customize(MlxLmSimulator.Builder builder);

}

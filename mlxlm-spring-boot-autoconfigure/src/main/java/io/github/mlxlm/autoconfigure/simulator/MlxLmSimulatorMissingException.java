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

/**
 * Thrown at start-up when {@code mlxlm.simulator.enabled=true} but the MLX-LM server
 * simulator ({@code io.github.mlxlm:mlxlm-server-simulator}) is not on the class path.
 *
 * @author mlxlm developers
 * @see MlxLmSimulatorMissingFailureAnalyzer
 */
public class MlxLmSimulatorMissingException extends RuntimeException {

	MlxLmSimulatorMissingException() {
		super("mlxlm.simulator.enabled is true, but the MLX-LM server simulator"
				+ " (io.github.mlxlm:mlxlm-server-simulator) is not on the class path");
	}

}

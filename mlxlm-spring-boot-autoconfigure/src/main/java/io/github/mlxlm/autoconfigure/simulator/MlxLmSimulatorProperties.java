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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the embedded MLX-LM server simulator.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@ConfigurationProperties(MlxLmSimulatorProperties.PREFIX)
public class MlxLmSimulatorProperties {

	/**
	 * Prefix of the simulator's properties.
	 */
	public static final String PREFIX = "mlxlm.simulator";

	/**
	 * Whether to start the MLX-LM server simulator in-process on a free loopback port and
	 * point the starter at it instead of mlxlm.base-url. Needs mlxlm-server-simulator on
	 * the classpath; meant for demos and tests on machines without Apple Silicon.
	 */
	private boolean enabled;

	/**
	 * Model the simulator pretends to have been started with (its --model).
	 */
	private String model = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	/**
	 * Generation speed the simulator imitates, in tokens per second; 0 answers at once.
	 */
	private double tokensPerSecond = 150;

	/**
	 * Loopback port the simulator listens on; 0 picks a free port at each start.
	 */
	private int port;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public double getTokensPerSecond() {
		return this.tokensPerSecond;
	}

	public void setTokensPerSecond(double tokensPerSecond) {
		this.tokensPerSecond = tokensPerSecond;
	}

}

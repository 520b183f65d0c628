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

package io.github.mlxlm.autoconfigure.fleet;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for several MLX-LM servers behind one load-balanced base URL
 * ({@code mlxlm.base-url=lb://service-id/v1}).
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@ConfigurationProperties(MlxLmFleetProperties.PREFIX)
public class MlxLmFleetProperties {

	/**
	 * Prefix of the fleet's properties.
	 */
	public static final String PREFIX = "mlxlm.fleet";

	/**
	 * How a request picks its server. "mlx" sends a request only to servers that serve
	 * its model, keeps every turn of a conversation on the server whose prompt cache
	 * holds it, and moves it when that server is clearly busier than the others;
	 * "least-requests" sends each request to the server with the fewest requests in
	 * flight among those that serve its model, blind to conversations; "round-robin" is
	 * Spring Cloud's turn-taking, blind to models and conversations.
	 */
	private Policy policy = Policy.MLX;

	/**
	 * How long the result of a server's check (its /health and the model it lists) is
	 * used before the server is checked again. A server that refused a connection is
	 * skipped at once and checked again after this interval.
	 */
	private Duration healthCheckInterval = Duration.ofSeconds(10);

	/**
	 * Longest time one server's check may take; a server that does not answer within it
	 * is skipped until its next check.
	 */
	private Duration healthCheckTimeout = Duration.ofSeconds(2);

	/**
	 * Tries per request when a server cannot be connected to, the first one included.
	 * Each try goes to another server; a request that reached a server is never sent
	 * again.
	 */
	private int maxAttempts = 3;

	public Policy getPolicy() {
		return this.policy;
	}

	public void setPolicy(Policy policy) {
		this.policy = policy;
	}

	public Duration getHealthCheckInterval() {
		return this.healthCheckInterval;
	}

	public void setHealthCheckInterval(Duration healthCheckInterval) {
		this.healthCheckInterval = healthCheckInterval;
	}

	public Duration getHealthCheckTimeout() {
		return this.healthCheckTimeout;
	}

	public void setHealthCheckTimeout(Duration healthCheckTimeout) {
		this.healthCheckTimeout = healthCheckTimeout;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	/**
	 * How a request picks its server.
	 */
	public enum Policy {

		/**
		 * Model-aware, conversation affinity by rendezvous hashing, load guard.
		 */
		MLX,

		/**
		 * Model-aware, the fewest requests in flight, no conversation affinity.
		 */
		LEAST_REQUESTS,

		/**
		 * Spring Cloud's round robin.
		 */
		ROUND_ROBIN

	}

}

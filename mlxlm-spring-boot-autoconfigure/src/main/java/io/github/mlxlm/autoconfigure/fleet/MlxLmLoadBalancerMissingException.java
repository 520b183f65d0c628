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

/**
 * Thrown at start-up when {@code mlxlm.base-url} is an {@code lb://} URL but Spring Cloud
 * LoadBalancer is not on the class path, so that no request would ever find a server.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmLoadBalancerMissingException extends RuntimeException {

	private final String baseUrl;

	MlxLmLoadBalancerMissingException(String baseUrl) {
		super("mlxlm.base-url is the load-balanced URL '" + baseUrl
				+ "', but Spring Cloud LoadBalancer is not on the class path");
		this.baseUrl = baseUrl;
	}

	/**
	 * Return the load-balanced base URL.
	 * @return the base URL
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

}

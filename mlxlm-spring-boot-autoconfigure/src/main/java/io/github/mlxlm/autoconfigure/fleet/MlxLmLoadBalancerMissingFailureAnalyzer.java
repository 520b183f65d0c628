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

import io.github.mlxlm.api.MlxLmEndpoint;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Names the dependency to add when an {@code lb://} base URL is set without Spring Cloud
 * LoadBalancer.
 *
 * @author mlxlm developers
 */
class MlxLmLoadBalancerMissingFailureAnalyzer extends AbstractFailureAnalyzer<MlxLmLoadBalancerMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MlxLmLoadBalancerMissingException cause) {
		return new FailureAnalysis(cause.getMessage() + ": no request could find a server.",
				"Add the dependency org.springframework.cloud:spring-cloud-starter-loadbalancer (with the"
						+ " spring-cloud-dependencies BOM), and a discovery client or"
						+ " spring.cloud.discovery.client.simple.instances." + serviceId(cause.getBaseUrl())
						+ "[0].uri for the servers; or set mlxlm.base-url to one server's http(s) URL.",
				cause);
	}

	private static String serviceId(String baseUrl) {
		return MlxLmEndpoint.isLoadBalanced(baseUrl) ? MlxLmEndpoint.of(baseUrl).serviceId() : "<service-id>";
	}

}

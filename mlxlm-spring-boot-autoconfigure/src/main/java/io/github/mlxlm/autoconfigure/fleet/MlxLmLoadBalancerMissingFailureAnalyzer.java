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

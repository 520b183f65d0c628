package io.github.mlxlm.autoconfigure.fleet;

/**
 * Thrown at start-up when {@code mlxlm.base-url} is an {@code lb://} URL but Spring Cloud
 * LoadBalancer is not on the class path, so that no request would ever find a server.
 *
 * @author mlxlm developers
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

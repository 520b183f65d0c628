package io.github.mlxlm.autoconfigure;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * A load-balanced base URL such as {@code lb://mlxlm/v1}: the service id that discovery
 * knows the servers by, and the path that every server's base URL has.
 *
 * @param serviceId the service id ({@code mlxlm})
 * @param basePath the path, without a trailing slash ({@code /v1}); may be empty
 * @author mlxlm developers
 */
record MlxLmLoadBalancedUrl(String serviceId, String basePath) {

	/**
	 * Property that holds the base URL.
	 */
	static final String PROPERTY = MlxLmProperties.PREFIX + ".base-url";

	static final String SCHEME_PREFIX = "lb://";

	/**
	 * Return whether a base URL is load-balanced.
	 * @param baseUrl the base URL, or {@code null}
	 * @return whether it starts with {@code lb://}
	 */
	static boolean isLoadBalanced(@Nullable String baseUrl) {
		return baseUrl != null && baseUrl.strip().toLowerCase(Locale.ROOT).startsWith(SCHEME_PREFIX);
	}

	/**
	 * Parse a load-balanced base URL.
	 * @param baseUrl the base URL, such as {@code lb://mlxlm/v1}
	 * @return its service id and path
	 * @throws IllegalArgumentException when it is not a load-balanced URL with a service
	 * id
	 */
	static MlxLmLoadBalancedUrl of(String baseUrl) {
		if (!isLoadBalanced(baseUrl)) {
			throw new IllegalArgumentException("'" + baseUrl + "' is not an lb:// URL");
		}
		URI uri = URI.create(baseUrl.strip());
		// getHost() is null for ids that are not host names (mlx_lm): the authority
		// still names it.
		String serviceId = (uri.getHost() != null) ? uri.getHost() : uri.getRawAuthority();
		if (!StringUtils.hasText(serviceId)) {
			throw new IllegalArgumentException("'" + baseUrl + "' names no service id, e.g. lb://mlxlm/v1");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return new MlxLmLoadBalancedUrl(serviceId, path);
	}

}

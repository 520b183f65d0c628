package io.github.mlxlm.client;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Where an MLX-LM server listens: its OpenAI-style base URL and its server root.
 * <p>
 * The server root is the base URL minus a trailing {@code /v1} path segment; non-OpenAI routes
 * such as {@code /health} live there. Only a whole last segment is removed, so
 * {@code http://gw/v1proxy/v1} has the root {@code http://gw/v1proxy}, and a base URL without
 * {@code /v1} is its own root. Neither URI ends with a slash.
 *
 * @param baseUrl the base URL, without trailing slashes (for example {@code http://localhost:8080/v1})
 * @param serverRoot the server root, without trailing slashes (for example {@code http://localhost:8080})
 * @author MLX-LM starter contributors
 */
public record MlxLmEndpoint(URI baseUrl, URI serverRoot) {

	private static final String VERSION_SEGMENT = "/v1";

	public MlxLmEndpoint {
		Assert.notNull(baseUrl, "'baseUrl' must not be null");
		Assert.notNull(serverRoot, "'serverRoot' must not be null");
	}

	/**
	 * Derive the endpoint of a base URL such as {@code http://localhost:8080/v1}. Surrounding
	 * whitespace and trailing slashes are tolerated.
	 * @param baseUrl the base URL
	 * @return the endpoint
	 * @throws IllegalArgumentException naming the value when it is not an absolute http or https
	 * URL, or when it has a query or fragment
	 */
	public static MlxLmEndpoint of(@Nullable String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new IllegalArgumentException(
					"MLX-LM base URL '" + baseUrl + "' must be an absolute http or https URL, e.g. http://localhost:8080/v1");
		}
		URI uri;
		try {
			uri = new URI(baseUrl.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"MLX-LM base URL '" + baseUrl + "' is not a valid URL: " + ex.getReason(), ex);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getRawAuthority() == null) {
			throw new IllegalArgumentException(
					"MLX-LM base URL '" + baseUrl + "' must be an absolute http or https URL, e.g. http://localhost:8080/v1");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			// Paths are appended to the base URL, which a query or fragment would break.
			throw new IllegalArgumentException("MLX-LM base URL '" + baseUrl + "' must not have a query or fragment");
		}
		String path = stripTrailingSlashes((uri.getRawPath() != null) ? uri.getRawPath() : "");
		String rootPath = path.endsWith(VERSION_SEGMENT)
				? stripTrailingSlashes(path.substring(0, path.length() - VERSION_SEGMENT.length())) : path;
		String origin = scheme.toLowerCase() + "://" + uri.getRawAuthority();
		return new MlxLmEndpoint(URI.create(origin + path), URI.create(origin + rootPath));
	}

	/**
	 * Resolve a path against the base URL: {@code resolve("models")} and
	 * {@code resolve("/models")} both give {@code <baseUrl>/models}. Unlike
	 * {@link URI#resolve(String)}, a leading slash does not climb to the host.
	 * @param path the path, relative to the base URL
	 * @return the absolute URI
	 */
	public URI resolve(String path) {
		return append(this.baseUrl, path);
	}

	/**
	 * Return the URL of the server's liveness route, {@code <serverRoot>/health}.
	 * @return the health URL
	 */
	public URI healthUrl() {
		return append(this.serverRoot, "health");
	}

	/**
	 * Return the URL of the model listing, {@code <baseUrl>/models}.
	 * @return the models URL
	 */
	public URI modelsUrl() {
		return resolve("models");
	}

	private static URI append(URI base, String path) {
		Assert.notNull(path, "'path' must not be null");
		int start = 0;
		while (start < path.length() && path.charAt(start) == '/') {
			start++;
		}
		return URI.create(base + "/" + path.substring(start));
	}

	private static String stripTrailingSlashes(String path) {
		int end = path.length();
		while (end > 0 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

}

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

package io.github.mlxlm.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;
import org.springframework.util.Assert;

/**
 * Where an MLX-LM server listens: its OpenAI-style base URL and its server root.
 * <p>
 * The server root is the base URL minus a trailing {@code /v1} path segment; non-OpenAI
 * routes such as {@code /health} live there. Only a whole last segment is removed, so
 * {@code http://gw/v1proxy/v1} has the root {@code http://gw/v1proxy}, and a base URL
 * without {@code /v1} is its own root. Neither URI ends with a slash.
 *
 * @param baseUrl the base URL, without trailing slashes (for example
 * {@code http://localhost:8080/v1})
 * @param serverRoot the server root, without trailing slashes (for example
 * {@code http://localhost:8080})
 * @author MLX-LM starter contributors
 */
public record MlxLmEndpoint(URI baseUrl, URI serverRoot) {

	private static final String VERSION_SEGMENT = "/v1";

	private static final String LOAD_BALANCED_SCHEME = "lb";

	private static final Set<String> SCHEMES = Set.of("http", "https", LOAD_BALANCED_SCHEME);

	private static final String EXPECTED = "use an absolute http or https URL such as http://localhost:8080/v1"
			+ " (or lb://service-id/v1 with Spring Cloud LoadBalancer)";

	private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");

	public MlxLmEndpoint {
		Assert.notNull(baseUrl, "'baseUrl' must not be null");
		Assert.notNull(serverRoot, "'serverRoot' must not be null");
	}

	/**
	 * Derive the endpoint of a base URL such as {@code http://localhost:8080/v1}.
	 * Surrounding whitespace and trailing slashes are tolerated.
	 * @param baseUrl the base URL
	 * @return the endpoint
	 * @throws IllegalArgumentException naming the value (without any password) when
	 * {@link #problem(String)} finds it wrong
	 */
	public static MlxLmEndpoint of(@Nullable String baseUrl) {
		String problem = problem(baseUrl);
		if (problem != null) {
			throw new IllegalArgumentException("MLX-LM base URL '" + masked(baseUrl) + "' " + problem);
		}
		// problem() found it set: a null or blank URL is a problem.
		URI uri = URI.create(String.valueOf(baseUrl).strip());
		String path = stripTrailingSlashes((uri.getRawPath() != null) ? uri.getRawPath() : "");
		String rootPath = path.endsWith(VERSION_SEGMENT)
				? stripTrailingSlashes(path.substring(0, path.length() - VERSION_SEGMENT.length())) : path;
		String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
		return new MlxLmEndpoint(URI.create(origin + path), URI.create(origin + rootPath));
	}

	/**
	 * Say what is wrong with a base URL: the one place where base URLs are checked.
	 * @param baseUrl the base URL
	 * @return what is wrong, as the end of a sentence that starts with the URL, or
	 * {@code null} when it is fine
	 */
	public static @Nullable String problem(@Nullable String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			return "must not be blank: " + EXPECTED;
		}
		URI uri;
		try {
			uri = new URI(baseUrl.strip());
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL (" + ex.getReason() + "): " + EXPECTED;
		}
		String scheme = uri.getScheme();
		// A service id need not be a host name (lb://mlx_lm/v1), so it has no host.
		boolean loadBalanced = LOAD_BALANCED_SCHEME.equalsIgnoreCase(scheme);
		if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) || uri.getRawAuthority() == null
				|| (uri.getHost() == null && !loadBalanced)) {
			return "is not an absolute http or https URL: " + EXPECTED;
		}
		if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
			// A password here would end up in logs, health details and error messages.
			return "must not carry a user or password: set the key with mlxlm.api-key, which is sent as"
					+ " 'Authorization: Bearer <key>' and never shown";
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			// Paths are appended to the base URL, which a query or fragment would break.
			return "must not have a query or fragment: " + EXPECTED;
		}
		return null;
	}

	/**
	 * Return whether a base URL, as written, asks for a load balancer: it is valid and
	 * its scheme is {@code lb}. Conditions, which cannot see the connection, decide with
	 * this; an invalid URL is not load-balanced, and is reported where it is used.
	 * @param baseUrl the base URL as written, or {@code null}
	 * @return whether it is a valid {@code lb://} URL
	 */
	@Contract("null -> false")
	public static boolean isLoadBalanced(@Nullable String baseUrl) {
		return problem(baseUrl) == null && of(baseUrl).isLoadBalanced();
	}

	/**
	 * Return whether this endpoint points at this machine on the given port
	 * ({@code localhost}, a loopback address or the wildcard address), judged from the
	 * URL alone: no name is looked up.
	 * @param port the port
	 * @return whether the URL is this machine's port
	 */
	public boolean isLocal(int port) {
		if (isLoadBalanced()) {
			return false;
		}
		int uriPort = (this.baseUrl.getPort() != -1) ? this.baseUrl.getPort()
				: ("https".equals(this.baseUrl.getScheme()) ? 443 : 80);
		String host = String.valueOf(this.baseUrl.getHost()).toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		boolean local = host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
				|| host.equals("::1") || host.equals("0.0.0.0") || host.equals("::");
		return local && uriPort == port;
	}

	/**
	 * Return a base URL fit to show: any user information is replaced by {@code ****}.
	 * @param baseUrl the base URL as given
	 * @return the URL without user information
	 */
	public static String masked(@Nullable String baseUrl) {
		if (baseUrl == null) {
			return "null";
		}
		return USER_INFO.matcher(baseUrl).replaceFirst("$1****@");
	}

	/**
	 * Return the name of the server a URL points at: {@code host:port}, with the scheme's
	 * default port when the URL has none, and an IPv6 host without brackets. Several
	 * servers behind {@code lb://} are named the same way in health and metrics.
	 * @param url an absolute URL
	 * @return the server's name
	 */
	public static String serverName(URI url) {
		Assert.notNull(url, "'url' must not be null");
		int port = url.getPort();
		if (port == -1) {
			port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
		}
		return serverName(String.valueOf(url.getHost()), port);
	}

	/**
	 * Return the name of a server: {@code host:port}, an IPv6 host without brackets.
	 * @param host the host, an IPv6 address with or without brackets
	 * @param port the port
	 * @return the server's name
	 */
	public static String serverName(String host, int port) {
		Assert.notNull(host, "'host' must not be null");
		// A URL writes an IPv6 host in brackets; discovery may not.
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return bare + ":" + port;
	}

	/**
	 * Return whether this endpoint names a service of a load balancer
	 * ({@code lb://id/v1}) rather than a host.
	 * @return whether the scheme is {@code lb}
	 */
	public boolean isLoadBalanced() {
		return LOAD_BALANCED_SCHEME.equals(this.baseUrl.getScheme());
	}

	/**
	 * Return the service id of a load-balanced endpoint: {@code mlxlm} for
	 * {@code lb://mlxlm/v1}, the id that discovery knows the servers by.
	 * @return the service id
	 * @throws IllegalStateException when the endpoint is not load-balanced
	 */
	public String serviceId() {
		Assert.state(isLoadBalanced(), () -> "'" + this.baseUrl + "' is not a load-balanced (lb://) URL");
		return this.baseUrl.getRawAuthority();
	}

	/**
	 * Return the path of the base URL, which every server of a load-balanced endpoint
	 * shares: {@code /v1} for {@code lb://mlxlm/v1}; empty when there is none.
	 * @return the path, without a trailing slash
	 */
	public String basePath() {
		return (this.baseUrl.getRawPath() != null) ? this.baseUrl.getRawPath() : "";
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

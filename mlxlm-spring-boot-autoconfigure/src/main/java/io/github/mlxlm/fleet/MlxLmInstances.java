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

package io.github.mlxlm.fleet;

import java.net.URI;

import io.github.mlxlm.api.MlxLmEndpoint;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.Assert;

/**
 * How the fleet names an instance: {@code host:port}.
 * <p>
 * The name is what routing hashes, what requests in flight are counted by and what health
 * shows. It is taken from the address rather than the discovery's instance id, because an
 * id may be absent (static instances) or change when a server registers again, while the
 * address is what holds the prompt cache.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmInstances {

	private MlxLmInstances() {
	}

	/**
	 * Return the name of an instance.
	 * @param instance the instance
	 * @return {@code host:port}
	 */
	public static String key(ServiceInstance instance) {
		Assert.notNull(instance, "'instance' must not be null");
		return key(instance.getHost(), instance.getPort());
	}

	/**
	 * Return the name of the instance a request URL points at.
	 * @param url an absolute URL
	 * @return {@code host:port}, with the scheme's default port when the URL has none
	 */
	public static String key(URI url) {
		return MlxLmEndpoint.serverName(url);
	}

	private static String key(String host, int port) {
		return MlxLmEndpoint.serverName(host, port);
	}

	/**
	 * Return the OpenAI-style base URL of an instance: its URI with the path of the
	 * {@code lb://} base URL, such as {@code http://10.0.0.7:8080/v1}. A user or password
	 * in the instance's URI is left out, as it is refused in {@code mlxlm.base-url}: it
	 * would show in health details, metrics and errors (the key for a proxy in front of
	 * the servers is {@code mlxlm.api-key}).
	 * @param instance the instance
	 * @param basePath the path of the load-balanced base URL, such as {@code /v1}; may be
	 * empty
	 * @return the instance's base URL
	 */
	public static String baseUrl(ServiceInstance instance, String basePath) {
		URI full = instance.getUri();
		String uri = (full.getRawUserInfo() != null) ? withoutUserInfo(full) : full.toString();
		while (uri.endsWith("/")) {
			uri = uri.substring(0, uri.length() - 1);
		}
		return uri + basePath;
	}

	private static String withoutUserInfo(URI uri) {
		String host = (uri.getHost() != null && uri.getHost().contains(":") && !uri.getHost().startsWith("["))
				? "[" + uri.getHost() + "]" : uri.getHost();
		return uri.getScheme() + "://" + host + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

}

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

package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Builds the one {@link MlxLmConnection} of the application from the properties and the
 * connection details, after checking every property.
 * <p>
 * With a load-balanced base URL ({@code lb://service-id/v1}) the connection tries each
 * call once: the fleet's failover filter owns the retry of connections that could not be
 * opened ({@code mlxlm.fleet.max-attempts}, each try on another server), and a second
 * retry around it would multiply the tries (and try a refused server again).
 *
 * @author mlxlm developers
 */
final class MlxLmConnectionFactory {

	private static final Log logger = LogFactory.getLog(MlxLmConnectionFactory.class);

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private MlxLmConnectionFactory() {
	}

	/**
	 * Return the port the application's own web server will listen on.
	 * @param context the application context
	 * @return {@code server.port} (8080 unless set) when the context runs a web server on
	 * a fixed port, otherwise {@code null}
	 */
	static @Nullable Integer applicationPort(ApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		boolean webServer = ClassUtils.isPresent(WEB_SERVER_CONTEXT, classLoader)
				&& ClassUtils.resolveClassName(WEB_SERVER_CONTEXT, classLoader).isInstance(context);
		if (!webServer) {
			return null;
		}
		Integer port = context.getEnvironment().getProperty("server.port", Integer.class, 8080);
		return (port > 0) ? port : null;
	}

	/**
	 * Build the connection, refusing a base URL that is the application's own web server.
	 * @param properties the properties
	 * @param connectionDetails the connection details in force
	 * @param context the application context, to tell its own server's port
	 * @return the connection
	 */
	static MlxLmConnection create(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails,
			ApplicationContext context) {
		MlxLmEndpoint endpoint = MlxLmPropertiesValidator.validate(properties, connectionDetails.getBaseUrl(),
				applicationPort(context));
		int maxAttempts = properties.getRetry().getMaxAttempts();
		if (endpoint.isLoadBalanced()) {
			if (maxAttempts > 1 && logger.isDebugEnabled()) {
				logger.debug("mlxlm.retry.max-attempts=" + maxAttempts + " is not used with the load-balanced base URL "
						+ endpoint.baseUrl() + ": each call is tried once, and a server that refuses the connection is"
						+ " left for the next one (mlxlm.fleet.max-attempts)");
			}
			maxAttempts = 1;
		}
		return new MlxLmConnection(endpoint, connectionDetails.getApiKey(), properties.getModel(),
				properties.getConnectTimeout(), properties.getReadTimeout(), maxAttempts,
				properties.getRetry().getBackoff(), properties.getMaxReplySize().toBytes());
	}

}

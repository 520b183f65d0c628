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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.mlxlm.api.MlxLmEndpoint;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Checks every {@code mlxlm.*} property at start-up and reports all invalid ones at once.
 * URLs are judged by {@link MlxLmEndpoint#problem(String)} and chat option ranges by
 * {@code MlxLmChatOptionsCheck}, the one place of each rule.
 *
 * @author mlxlm developers
 */
final class MlxLmPropertiesValidator {

	private static final boolean CHAT_PRESENT = ClassUtils.isPresent("org.springframework.ai.chat.model.ChatModel",
			MlxLmPropertiesValidator.class.getClassLoader());

	private static final String BASE_URL = MlxLmProperties.PREFIX + ".base-url";

	private MlxLmPropertiesValidator() {
	}

	/**
	 * Check the properties and the base URL in force, and parse that URL: the one walk
	 * from a written base URL to the endpoint that the connection uses.
	 * @param properties the properties
	 * @param baseUrl the base URL of the connection details in force
	 * @param applicationPort the port of the application's own web server, which the base
	 * URL must not be, or {@code null} when it runs none (or a random one)
	 * @return the endpoint of the base URL
	 * @throws InvalidMlxLmPropertyException listing every invalid property
	 */
	static MlxLmEndpoint validate(MlxLmProperties properties, @Nullable String baseUrl,
			@Nullable Integer applicationPort) {
		List<Problem> problems = new ArrayList<>();
		String urlProblem = MlxLmEndpoint.problem(baseUrl);
		MlxLmEndpoint endpoint = (urlProblem != null) ? null : MlxLmEndpoint.of(baseUrl);
		if (endpoint == null) {
			problems.add(new Problem(BASE_URL, MlxLmEndpoint.masked(baseUrl), "it " + urlProblem,
					"Set mlxlm.base-url to the URL of mlx_lm.server's API, for example http://localhost:8080/v1"
							+ " (a key for a proxy in front goes in mlxlm.api-key)."));
		}
		else if (applicationPort != null && endpoint.isLocal(applicationPort)) {
			problems.add(new Problem(BASE_URL, MlxLmEndpoint.masked(baseUrl),
					"it points at this application itself (port " + applicationPort
							+ " is its own server.port), which would answer every chat request with 404",
					"Set mlxlm.base-url to mlx_lm.server's URL on another port, for example"
							+ " http://localhost:8081/v1 (start the server with --port 8081); or add"
							+ " mlxlm-spring-boot-launcher to start one; or set mlxlm.simulator.enabled=true."));
		}
		else if (endpoint.isLoadBalanced() != MlxLmEndpoint.isLoadBalanced(properties.getBaseUrl())) {
			// The fleet is switched on by the property (a condition cannot see the
			// connection details), so the two must agree on it.
			problems.add(new Problem(BASE_URL, MlxLmEndpoint.masked(properties.getBaseUrl()),
					"the connection details in force use " + MlxLmEndpoint.masked(baseUrl)
							+ ", and only one of the two is a load-balanced (lb://) URL",
					"Write the lb:// URL in mlxlm.base-url itself, or use one server's URL in both."));
		}
		Problem.checkPositive(problems, "connect-timeout", properties.getConnectTimeout(), "5s");
		Problem.checkPositive(problems, "read-timeout", properties.getReadTimeout(), "5m");
		if (properties.getMaxReplySize() == null || properties.getMaxReplySize().toBytes() <= 0) {
			problems.add(problem("max-reply-size", properties.getMaxReplySize(), "it must be positive",
					"a positive size, for example 16MB"));
		}
		Problem.checkPositive(problems, "health.timeout", properties.getHealth().getTimeout(), "2s");
		Duration cacheTtl = properties.getHealth().getCacheTtl();
		if (cacheTtl == null || cacheTtl.isNegative()) {
			problems
				.add(problem("health.cache-ttl", cacheTtl, "it must not be negative", "0s or more, for example 10s"));
		}
		if (properties.getRetry().getMaxAttempts() < 1) {
			problems.add(problem("retry.max-attempts", properties.getRetry().getMaxAttempts(), "it must be at least 1",
					"1 (no retry) or more, for example 3"));
		}
		Problem.checkPositive(problems, "retry.backoff", properties.getRetry().getBackoff(), "200ms");
		Duration gracePeriod = properties.getShutdown().getGracePeriod();
		if (gracePeriod == null || gracePeriod.isNegative()) {
			problems.add(problem("shutdown.grace-period", gracePeriod, "it must not be negative",
					"0s (end calls at once) or more, for example 10s"));
		}
		if (CHAT_PRESENT) {
			problems.addAll(MlxLmChatPropertiesCheck.check(properties.getChat()));
		}
		if (endpoint == null || !problems.isEmpty()) {
			throw new InvalidMlxLmPropertyException(problems);
		}
		return endpoint;
	}

	static Problem problem(String property, @Nullable Object value, String reason, String allowed) {
		return Problem.of(property, value, reason, allowed);
	}

}

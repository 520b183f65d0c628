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

import io.github.mlxlm.api.MlxLmEndpoint;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code mlxlm.base-url} is a load-balanced URL
 * ({@code lb://service-id/...}): the servers are then found by service discovery and
 * chosen per request.
 *
 * @author mlxlm developers
 */
class OnLoadBalancedBaseUrlCondition extends SpringBootCondition {

	/**
	 * The property read: a condition cannot see the connection details.
	 */
	static final String PROPERTY = MlxLmProperties.PREFIX + ".base-url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String baseUrl = context.getEnvironment().getProperty(PROPERTY);
		ConditionMessage.Builder message = ConditionMessage.forCondition("MLX-LM load-balanced base URL");
		if (MlxLmEndpoint.isLoadBalanced(baseUrl)) {
			return ConditionOutcome.match(message.found(PROPERTY).items(MlxLmEndpoint.masked(baseUrl)));
		}
		// The condition report (--debug) must not echo a password in the URL.
		return ConditionOutcome.noMatch(message
			.because(PROPERTY + " is " + ((baseUrl != null) ? "'" + MlxLmEndpoint.masked(baseUrl) + "'" : "not set")
					+ ", not a valid lb:// URL"));
	}

}

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

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link SanitizingFunction} that masks {@code mlxlm.api-key} in
 * {@code /actuator/configprops} and {@code /actuator/env}, also when an application sets
 * {@code management.endpoint.env.show-values=always} (or the configprops equivalent).
 * Only when Spring Boot's actuator is on the class path.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MlxLmSanitizingAutoConfiguration {

	@Bean
	SanitizingFunction mlxLmApiKeySanitizingFunction(Environment environment) {
		return new ApiKeySanitizingFunction(environment);
	}

	/**
	 * Masks the api key by its name in any spelling ({@code mlxlm.api-key},
	 * {@code mlxlm.apiKey}, {@code MLXLM_API_KEY}, configprops' {@code apiKey} under the
	 * {@code mlxlm} prefix) and by its value wherever else it shows.
	 */
	static final class ApiKeySanitizingFunction implements SanitizingFunction {

		private final Environment environment;

		ApiKeySanitizingFunction(Environment environment) {
			this.environment = environment;
		}

		@Override
		public SanitizableData apply(SanitizableData data) {
			if (data.getValue() == null) {
				return data;
			}
			String key = normalize(data.getKey());
			if (key.endsWith("mlxlmapikey") || key.equals("apikey") || holdsApiKey(data.getValue())) {
				return data.withSanitizedValue();
			}
			return data;
		}

		private boolean holdsApiKey(Object value) {
			String apiKey = this.environment.getProperty("mlxlm.api-key");
			return StringUtils.hasText(apiKey) && value.toString().contains(apiKey);
		}

		private static String normalize(String key) {
			return key.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
		}

	}

}

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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Default logging levels that keep one failed chat stream to one log line. Spring AI's
 * {@code MessageAggregator} logs every error of a stream it aggregates at ERROR with its
 * stack trace ("Aggregation Error"), once per layer that aggregates (the chat client's
 * advisors, observations), although the same error reaches the caller: a stream cut
 * through {@code ChatClient} wrote hundreds of lines. The starter logs one WARN per
 * failed call itself.
 * <p>
 * The defaults are the last property source, so any {@code logging.level.*} the
 * application sets wins, such as
 * {@code logging.level.org.springframework.ai.chat.model.MessageAggregator=error}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmLoggingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "mlxlmLoggingDefaults";

	static final Map<String, Object> DEFAULTS = Map
		.of("logging.level.org.springframework.ai.chat.model.MessageAggregator", "off");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

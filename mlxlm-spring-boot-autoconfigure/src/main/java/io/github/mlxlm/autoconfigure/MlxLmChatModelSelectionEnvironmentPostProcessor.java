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
import org.springframework.util.ClassUtils;

/**
 * Makes MLX-LM the default Spring AI chat model: when {@code spring.ai.model.chat} is not
 * set anywhere, it defaults to {@code mlxlm}.
 * <p>
 * Needed only when Spring AI's OpenAI auto-configuration is on the classpath (the starter
 * does not bring it, but an application may): the MLX-LM chat model is a
 * {@code MlxLmChatModel}, not an {@code OpenAiChatModel}, so that auto-configuration,
 * which backs off only on an existing {@code OpenAiChatModel} or on another
 * {@code spring.ai.model.chat} value, would otherwise add a second {@code ChatModel} (and
 * fail without an OpenAI key). Setting {@code spring.ai.model.chat} to anything else
 * (such as {@code openai}) still selects that model instead. The default is the last
 * property source, so every real source wins over it.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmChatModelSelectionEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "spring.ai.model.chat";

	static final String SOURCE_NAME = "mlxlmChatModelSelection";

	private static final String OPENAI_AUTO_CONFIGURATION = "org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		apply(environment);
	}

	static void apply(ConfigurableEnvironment environment) {
		if (environment.containsProperty(PROPERTY)
				|| !ClassUtils.isPresent(OPENAI_AUTO_CONFIGURATION,
						MlxLmChatModelSelectionEnvironmentPostProcessor.class.getClassLoader())
				|| environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(PROPERTY, "mlxlm")));
	}

	@Override
	public int getOrder() {
		// After config data, so that spring.ai.model.chat from application.yaml is seen.
		return Ordered.LOWEST_PRECEDENCE;
	}

}

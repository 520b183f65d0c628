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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that warns at start-up about {@code spring.ai.openai.chat.*}
 * properties, which have no effect while the MLX-LM chat model is selected, and names
 * their {@code mlxlm.*} equivalents.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.ai.chat.model.ChatModel")
@ConditionalOnMlxLmChatModelSelected
public final class MlxLmOpenAiChatPropertiesAutoConfiguration {

	private MlxLmOpenAiChatPropertiesAutoConfiguration() {
	}

	@Bean
	static MlxLmOpenAiChatPropertiesWarning mlxLmOpenAiChatPropertiesWarning(Environment environment) {
		return new MlxLmOpenAiChatPropertiesWarning(environment);
	}

}

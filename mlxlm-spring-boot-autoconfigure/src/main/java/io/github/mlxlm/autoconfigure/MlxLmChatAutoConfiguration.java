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

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatStreamDecorator;
import io.github.mlxlm.client.MlxLmClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for an {@link MlxLmChatModel}: a Spring AI {@code ChatModel} on the
 * starter's own wire, with {@code mlxlm.chat.*} as its default options.
 * <p>
 * Selected by {@code spring.ai.model.chat=mlxlm} (or when it is unset), like every Spring
 * AI chat model. Runs before Spring AI's OpenAI chat auto-configuration, which
 * {@link MlxLmChatModelSelectionEnvironmentPostProcessor} keeps away by defaulting
 * {@code spring.ai.model.chat} to {@code mlxlm} when that module is on the class path.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(after = MlxLmAutoConfiguration.class,
		beforeName = "org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration",
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration" })
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBean(MlxLmClient.class)
@ConditionalOnMlxLmChatModelSelected
public final class MlxLmChatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MlxLmChatModelFactory mlxLmChatModelFactory(MlxLmClient client,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ToolCallingManager> toolCallingManager) {
		MlxLmChatModelFactory.Builder builder = MlxLmChatModelFactory.builder()
			.client(client)
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		toolCallingManager.ifUnique(builder::toolCallingManager);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(MlxLmChatModel.class)
	MlxLmChatModel mlxLmChatModel(MlxLmChatModelFactory factory, MlxLmProperties properties,
			ObjectProvider<ChatModelObservationConvention> observationConvention,
			ObjectProvider<MlxLmChatStreamDecorator> streamDecorator) {
		MlxLmChatModel.Builder builder = factory.chatModelBuilder()
			.defaultOptions(MlxLmChatPropertiesMapper.toOptions(properties.getChat()));
		observationConvention.ifAvailable(builder::observationConvention);
		// Stream metrics, when Micrometer is present.
		streamDecorator.ifUnique(builder::streamDecorator);
		return builder.build();
	}

}

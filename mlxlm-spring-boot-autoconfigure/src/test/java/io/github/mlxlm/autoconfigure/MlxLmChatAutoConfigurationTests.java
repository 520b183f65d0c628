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

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmChatAutoConfiguration}.
 */
class MlxLmChatAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class));

	@Test
	void chatModelIsCreatedByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MlxLmChatModel.class);
			assertThat(context).hasSingleBean(ChatModel.class);
			assertThat(context).hasSingleBean(MlxLmChatModelFactory.class);
		});
	}

	@Test
	void chatModelSendsDefaultModelWhenNoneIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context.getBean(MlxLmChatModel.class).getOptions().getModel())
			.isEqualTo("default_model"));
	}

	@Test
	void chatModelSendsConfiguredModel() {
		this.contextRunner.withPropertyValues("mlxlm.model=mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.run((context) -> assertThat(context.getBean(MlxLmChatModel.class).getOptions().getModel())
				.isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit"));
	}

	@Test
	void chatModelUsesTheStartersOneWire() {
		this.contextRunner.run((context) -> assertThat(context.getBean(MlxLmChatModel.class).getApi())
			.isSameAs(context.getBean(MlxLmApi.class)));
	}

	@Test
	void chatModelBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserChatModelConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class);
			assertThat(context).hasBean("userChatModel").doesNotHaveBean("mlxLmChatModel");
		});
	}

	@Test
	void factoryBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MlxLmChatModelFactory.class);
			assertThat(context).hasBean("userFactory");
		});
	}

	@Test
	void exactlyOneChatModelWhenSpringAiOpenAiIsPresentAndMlxLmIsSelected() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class))
			.withPropertyValues("spring.ai.model.chat=mlxlm")
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class);
				assertThat(context.getBean(MlxLmChatModel.class).getOptions().getModel()).isEqualTo("default_model");
			});
	}

	@Test
	void exactlyOneChatModelWhenSpringAiOpenAiIsPresentAndNothingIsSelected() {
		this.contextRunner
			.withInitializer(
					(context) -> MlxLmChatModelSelectionEnvironmentPostProcessor.apply(context.getEnvironment()))
			.withConfiguration(
					AutoConfigurations.of(OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class);
				assertThat(context.getBean(MlxLmChatModel.class).getOptions().getModel()).isEqualTo("default_model");
			});
	}

	@Test
	void chatModelIsNotCreatedWhenAnotherModelIsSelected() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=ollama")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModel.class)
				.doesNotHaveBean(MlxLmChatModelFactory.class));
	}

	@Test
	void springAiOpenAiChatModelIsUsedWhenSelected() {
		this.contextRunner
			.withInitializer(
					(context) -> MlxLmChatModelSelectionEnvironmentPostProcessor.apply(context.getEnvironment()))
			.withConfiguration(
					AutoConfigurations.of(OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class))
			.withPropertyValues("spring.ai.model.chat=openai", "spring.ai.openai.api-key=test")
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class);
				assertThat(context).hasSingleBean(OpenAiChatModel.class);
				assertThat(context).doesNotHaveBean(MlxLmChatModel.class);
			});
	}

	@Test
	void selectionDefaultsToMlxLmOnlyWhenNothingIsSet() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=openai")
			.withInitializer(
					(context) -> MlxLmChatModelSelectionEnvironmentPostProcessor.apply(context.getEnvironment()))
			.run((context) -> assertThat(context.getEnvironment().getProperty("spring.ai.model.chat"))
				.isEqualTo("openai"));
	}

	@Test
	void chatModelIsCreatedWithoutSpringAiOpenAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenAiChatModel.class))
			.run((context) -> assertThat(context).hasSingleBean(MlxLmChatModel.class));
	}

	@Test
	void chatModelIsNotCreatedWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmChatModelFactory.class));
	}

	@Test
	void apiKeyIsNotShownByTheFactory() {
		this.contextRunner.withPropertyValues("mlxlm.api-key=sk-sentinel-42")
			.run((context) -> assertThat(context.getBean(MlxLmChatModelFactory.class).toString())
				.doesNotContain("sk-sentinel-42"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatModelConfiguration {

		@Bean
		MlxLmChatModel userChatModel() {
			return MlxLmChatModelFactory.builder()
				.client(MlxLmClient.builder().baseUrl("http://user:1/v1").build())
				.build()
				.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		@Bean
		MlxLmChatModelFactory userFactory() {
			return MlxLmChatModelFactory.builder()
				.client(MlxLmClient.builder().baseUrl("http://user:1/v1").build())
				.build();
		}

	}

}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link MlxLmDuplicateChatModelFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmDuplicateChatModelFailureAnalyzerTests {

	/**
	 * The starter next to another Spring AI model starter (here Spring AI's OpenAI one,
	 * the only other provider on the test class path), with no model selected.
	 */
	private final ApplicationContextRunner twoChatModels = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class,
				OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class))
		.withPropertyValues("spring.ai.openai.api-key=test");

	@Test
	void twoAutoConfiguredChatModelsAreNamedWithTheirBeanNames() {
		this.twoChatModels.run((context) -> {
			FailureAnalysis analysis = analyzeChatModelLookup(context);
			assertThat(analysis.getDescription()).contains("requires a single Spring AI ChatModel, but 2 were found")
				.contains("- mlxLmChatModel: " + MlxLmChatModel.class.getName() + " (spring.ai.model.chat=mlxlm)")
				.contains(
						"- openAiChatModel: org.springframework.ai.openai.OpenAiChatModel (spring.ai.model.chat=openai)");
		});
	}

	@Test
	void actionGivesTheSpringAiModelChatValueThatKeepsEachChatModel() {
		this.twoChatModels.run((context) -> assertThat(analyzeChatModelLookup(context).getAction())
			.contains("spring.ai.model.chat=mlxlm keeps mlxLmChatModel (MLX-LM, mlxlm-spring-boot-starter)")
			.contains("spring.ai.model.chat=openai keeps openAiChatModel"));
	}

	@Test
	void userDefinedChatModelIsKeptWithNone() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class))
			.withUserConfiguration(UserChatModelConfiguration.class)
			.run((context) -> assertThat(analyzeChatModelLookup(context).getAction())
				.contains("myChatModel is not auto-configured, so spring.ai.model.chat does not turn it off")
				.contains("spring.ai.model.chat=none turns off mlxLmChatModel and keeps myChatModel")
				.doesNotContain("spring.ai.model.chat=mlxlm"));
	}

	@Test
	void chatModelsThatThePropertyDoesNotSelectAreLeftToBootsAnalyzer() {
		new ApplicationContextRunner().withUserConfiguration(UserChatModelConfiguration.class)
			.withBean("yourChatModel", MyChatModel.class, MyChatModel::new)
			.run((context) -> assertThatException().isThrownBy(() -> context.getBean(ChatModel.class))
				.satisfies((ex) -> assertThat(
						new MlxLmDuplicateChatModelFailureAnalyzer(context.getBeanFactory()).analyze(ex))
					.isNull()));
	}

	@Test
	void otherDuplicateBeansAreLeftToBootsAnalyzer() {
		new ApplicationContextRunner().withBean("one", String.class, () -> "one")
			.withBean("two", String.class, () -> "two")
			.run((context) -> assertThatException().isThrownBy(() -> context.getBean(String.class))
				.satisfies((ex) -> assertThat(
						new MlxLmDuplicateChatModelFailureAnalyzer(context.getBeanFactory()).analyze(ex))
					.isNull()));
	}

	@Test
	void springApplicationReportsTheChatModelAnalysisInsteadOfBootsGenericOne(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TwoChatModelsAndAConsumerConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("requires a single Spring AI ChatModel, but 2 were found")
			.contains("spring.ai.model.chat=none turns off mlxLmChatModel and keeps myChatModel")
			.doesNotContain("Consider marking one of the beans as @Primary");
	}

	@Test
	void providerNamesFollowSpringAiPackages() {
		assertThat(
				MlxLmDuplicateChatModelFailureAnalyzer.providerOfClass("org.springframework.ai.ollama.OllamaChatModel"))
			.isEqualTo("ollama");
		assertThat(MlxLmDuplicateChatModelFailureAnalyzer
			.providerOfClass("org.springframework.ai.azure.openai.AzureOpenAiChatModel")).isEqualTo("azure-openai");
		assertThat(MlxLmDuplicateChatModelFailureAnalyzer.providerOfClass("com.example.MyChatModel")).isNull();
	}

	private static FailureAnalysis analyzeChatModelLookup(ConfigurableApplicationContext context) {
		NoUniqueBeanDefinitionException failure = null;
		try {
			context.getBean(ChatModel.class);
		}
		catch (NoUniqueBeanDefinitionException ex) {
			failure = ex;
		}
		assertThat(failure).as("a ChatModel lookup must fail with two chat models").isNotNull();
		FailureAnalysis analysis = new MlxLmDuplicateChatModelFailureAnalyzer(context.getBeanFactory())
			.analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatModelConfiguration {

		@Bean
		ChatModel myChatModel() {
			return (prompt) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class })
	static class TwoChatModelsAndAConsumerConfiguration {

		@Bean
		ChatModel myChatModel() {
			return new MyChatModel();
		}

		@Bean
		String consumer(ChatModel chatModel) {
			return "consumer";
		}

	}

	static class MyChatModel implements ChatModel {

		@Override
		public ChatResponse call(Prompt prompt) {
			throw new UnsupportedOperationException();
		}

	}

}

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmOpenAiChatPropertiesAutoConfiguration} and
 * {@link MlxLmOpenAiChatPropertiesWarning}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmOpenAiChatPropertiesWarningTests {

	private static final String WARNING = "Spring AI OpenAI chat properties are set, but the MLX-LM chat model is in use";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmOpenAiChatPropertiesAutoConfiguration.class));

	@Test
	void oneWarnLineNamesEachOpenAiChatPropertyAndItsMlxLmEquivalent(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.ai.openai.chat.options.temperature=0.2",
				"spring.ai.openai.chat.options.maxTokens=100", "spring.ai.openai.chat.base-url=http://mac:8080",
				"spring.ai.openai.chat.api-key=secret-key", "spring.ai.openai.chat.options.model=mlx-community/Tiny")
			.run((context) -> {
				assertThat(output.getAll()).containsOnlyOnce(WARNING);
				String line = output.getAll()
					.lines()
					.filter((candidate) -> candidate.contains(WARNING))
					.findFirst()
					.get();
				assertThat(line).contains("WARN")
					.contains("spring.ai.openai.chat.options.temperature -> mlxlm.chat.temperature")
					.contains("spring.ai.openai.chat.options.maxTokens -> mlxlm.chat.max-tokens")
					.contains("spring.ai.openai.chat.base-url -> mlxlm.base-url")
					.contains("spring.ai.openai.chat.api-key -> mlxlm.api-key")
					.contains("spring.ai.openai.chat.options.model -> mlxlm.model");
			});
	}

	@Test
	void propertyWithoutAnEquivalentIsSaidToHaveNone(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.ai.openai.chat.completions-path=/v1/chat")
			.run((context) -> assertThat(output.getAll())
				.contains("spring.ai.openai.chat.completions-path -> no mlxlm equivalent"));
	}

	@Test
	void warningNeverShowsPropertyValues(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.ai.openai.chat.api-key=secret-key")
			.run((context) -> assertThat(output.getAll()).contains(WARNING).doesNotContain("secret-key"));
	}

	@Test
	void noWarningWithoutOpenAiChatProperties(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.ai.openai.api-key=for-openai-embeddings")
			.run((context) -> assertThat(output.getAll()).doesNotContain(WARNING));
	}

	@Test
	void noWarningWhenAnotherChatModelIsSelected(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.ai.model.chat=openai", "spring.ai.openai.chat.options.temperature=0.2")
			.run((context) -> assertThat(output.getAll()).doesNotContain(WARNING));
	}

	@Test
	void warningAlsoWhenMlxLmIsSelectedExplicitly(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.ai.model.chat=mlxlm", "spring.ai.openai.chat.options.temperature=0.2")
			.run((context) -> assertThat(output.getAll()).containsOnlyOnce(WARNING));
	}

	@Test
	void environmentVariablesAreMappedToo() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("SPRING_AI_OPENAI_CHAT_OPTIONS_MAX_TOKENS",
					"100", "SPRING_AI_OPENAI_CHAT_OPTIONS_TOPP", "0.9")));
		assertThat(MlxLmOpenAiChatPropertiesWarning.message(environment))
			.contains("SPRING_AI_OPENAI_CHAT_OPTIONS_MAX_TOKENS -> mlxlm.chat.max-tokens")
			.contains("SPRING_AI_OPENAI_CHAT_OPTIONS_TOPP -> mlxlm.chat.top-p");
	}

	@Test
	void theOpenAiBaseUrlNamesTheMlxLmBaseUrl() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.ai.openai.base-url", "http://mac:8080")));
		assertThat(MlxLmOpenAiChatPropertiesWarning.message(environment, true))
			.contains("spring.ai.openai.base-url -> mlxlm.base-url")
			.contains("spring.ai.model.chat=openai");
	}

	@Test
	void withoutSpringAisOpenAiModuleTheWarningDoesNotSuggestSelectingIt() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.ai.openai.chat.options.temperature", "0.2")));
		assertThat(MlxLmOpenAiChatPropertiesWarning.message(environment, false)).contains("-> mlxlm.chat.temperature")
			.doesNotContain("spring.ai.model.chat=openai");
	}

}

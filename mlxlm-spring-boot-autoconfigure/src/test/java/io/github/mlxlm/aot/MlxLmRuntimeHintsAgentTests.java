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

package io.github.mlxlm.aot;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.aot.agent.RecordedInvocation;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.test.agent.EnabledIfRuntimeHintsAgent;
import org.springframework.aot.test.agent.RuntimeHintsInvocations;
import org.springframework.aot.test.agent.RuntimeHintsRecorder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's chat, stream, tool and health paths run under Spring's
 * {@code RuntimeHintsAgent} (a separate Surefire run with the agent): any reflection on
 * the starter's own types that the hints of {@code META-INF/spring/aot.factories} do not
 * cover fails, as it would fail in a native image.
 */
@EnabledIfRuntimeHintsAgent
class MlxLmRuntimeHintsAgentTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static MlxLmSimulator simulator;

	@BeforeAll
	static void startSimulator() {
		simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("FORECAST sunny", Reply.text("It is sunny in Oslo."))
			.script("weather in Oslo", Reply.toolCall("getWeather", "{\"city\": \"Oslo\"}"))
			.start();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Test
	void chatStreamToolsAndHealthUseNoReflectionWithoutAHint() {
		RuntimeHintsInvocations invocations = RuntimeHintsRecorder.record(() -> {
			MlxLmClient client = MlxLmClient.builder().baseUrl(simulator.baseUrl()).build();
			try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().client(client).build()) {
				MlxLmChatModel chatModel = factory.create();
				Prompt prompt = new Prompt("Hello", MlxLmChatOptions.builder().temperature(0.2).maxTokens(16).build());
				assertThat(chatModel.call(prompt).getResult()).isNotNull();
				assertThat(chatModel.stream(prompt).collectList().block(TIMEOUT)).isNotEmpty();
				String answer = ChatClient.create(chatModel)
					.prompt("What is the weather in Oslo?")
					.toolCallbacks(FunctionToolCallback
						.builder("getWeather", (Weather weather) -> "FORECAST sunny in " + weather.city())
						.description("The weather in a city")
						.inputType(Weather.class)
						.build())
					.call()
					.content();
				assertThat(answer).isEqualTo("It is sunny in Oslo.");
				assertThat(new MlxLmHealthIndicator(client, TIMEOUT).health(true).block(TIMEOUT).getStatus())
					.isEqualTo(Status.UP);
			}
		});
		assertThat(invocations).notMatching(registeredHints()).filteredOn(onStarterTypes()).isEmpty();
	}

	@Test
	void withoutTheStarterHintsTheSamePathsAreCaught() {
		RuntimeHintsInvocations invocations = RuntimeHintsRecorder.record(() -> {
			MlxLmClient client = MlxLmClient.builder().baseUrl(simulator.baseUrl()).build();
			try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().client(client).build()) {
				factory.create().call(new Prompt("Hello"));
			}
		});
		assertThat(invocations).notMatching(new RuntimeHints()).filteredOn(onStarterTypes()).isNotEmpty();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = MlxLmRuntimeHintsAgentTests.class.getClassLoader();
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories", classLoader)
			.load(RuntimeHintsRegistrar.class);
		registrars.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	private static Predicate<RecordedInvocation> onStarterTypes() {
		// The starter's main types; the tests' own types (this tool's input) are the
		// application's to hint.
		return (invocation) -> {
			String described = invocation.toString();
			return described.contains("io.github.mlxlm.") && !described.contains("Tests");
		};
	}

	record Weather(String city) {
	}

}

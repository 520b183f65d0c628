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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code mlxlm.chat.*} and {@code mlxlm.warm-up} against the simulator: the strict server
 * accepts what each property source produces, and the raw recorded bodies have exact
 * types.
 */
class MlxLmChatSimulatorRingTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String OTHER_MODEL = "mlx-community/Llama-3.2-3B-Instruct-4bit";

	private MlxLmSimulator simulator;

	private ApplicationContextRunner contextRunner;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model(MODEL)
			.huggingFaceCache(MODEL, OTHER_MODEL)
			.loadDelay(Duration.ofSeconds(3))
			.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class))
			.withPropertyValues("mlxlm.base-url=" + this.simulator.baseUrl());
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private JsonNode onlyRecordedChatBody(ApplicationContextRunner runner) {
		runner.run((context) -> assertThat(
				context.getBean(MlxLmChatModel.class).call(new Prompt("Hello")).getResult().getOutput().getText())
			.isEqualTo(MlxLmSimulator.DEFAULT_REPLY));
		List<RecordedRequest> requests = this.simulator.requests()
			.stream()
			.filter((r) -> r.path().equals("/v1/chat/completions"))
			.toList();
		assertThat(requests).hasSize(1);
		return this.json.readTree(requests.get(0).bodyAsString());
	}

	@Test
	void optionsFromPropertiesAreAcceptedWithExactTypes() {
		String[] pairs = MlxLmChatPropertiesWireTests.textValues()
			.entrySet()
			.stream()
			.filter((e) -> !e.getKey().endsWith("draft-model") && !e.getKey().endsWith("adapters"))
			.map((e) -> e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		JsonNode body = onlyRecordedChatBody(this.contextRunner.withPropertyValues(pairs));
		assertTypes(body);
	}

	@Test
	void optionsFromYamlAreAcceptedWithExactTypes() {
		StringBuilder yaml = new StringBuilder("mlxlm:\n  chat:\n");
		MlxLmChatPropertiesWireTests.textValues()
			.entrySet()
			.stream()
			.filter((e) -> !e.getKey().endsWith("draft-model") && !e.getKey().endsWith("adapters"))
			.forEach((e) -> yaml.append("    ")
				.append(e.getKey().substring("mlxlm.chat.".length()))
				.append(": ")
				.append(e.getValue())
				.append('\n'));
		JsonNode body = onlyRecordedChatBody(this.contextRunner.withInitializer((context) -> {
			try {
				List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test.yaml",
						new ByteArrayResource(yaml.toString().getBytes(StandardCharsets.UTF_8)));
				sources.forEach(context.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}));
		assertTypes(body);
	}

	@Test
	void optionsFromEnvironmentVariablesAreAcceptedWithExactTypes() {
		Map<String, Object> env = new LinkedHashMap<>();
		MlxLmChatPropertiesWireTests.textValues()
			.entrySet()
			.stream()
			.filter((e) -> !e.getKey().endsWith("draft-model") && !e.getKey().endsWith("adapters"))
			.forEach((e) -> env.put(e.getKey().toUpperCase().replace('.', '_').replace("-", ""), e.getValue()));
		JsonNode body = onlyRecordedChatBody(this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", env))));
		assertTypes(body);
	}

	private static void assertTypes(JsonNode body) {
		assertThat(body.get("top_k").isInt()).isTrue();
		assertThat(body.get("repetition_context_size").isInt()).isTrue();
		assertThat(body.get("max_tokens").isIntegralNumber()).isTrue();
		assertThat(body.get("xtc_threshold").isFloatingPointNumber()).isTrue();
		assertThat(body.get("xtc_probability").isFloatingPointNumber()).isTrue();
		assertThat(body.get("temperature").isFloatingPointNumber()).isTrue();
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").isBoolean()).isTrue();
		assertThat(body.get("model").asString()).isEqualTo("default_model");
	}

	@Test
	void warmUpSendsExactlyOneRequestAfterReadinessWithoutWaitingForTheModelLoad() {
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true", "mlxlm.model=" + OTHER_MODEL).run((context) -> {
			assertThat(this.simulator.requests()).isEmpty();
			long start = System.nanoTime();
			context.publishEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
			// The simulator takes 3 s to load the configured model; readiness must not
			// wait.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(15)).until(() -> this.simulator.loads().contains(OTHER_MODEL));
			assertThat(this.simulator.requests()).singleElement().satisfies((request) -> {
				assertThat(request.path()).isEqualTo("/v1/completions");
				JsonNode body = this.json.readTree(request.bodyAsString());
				assertThat(body.get("max_tokens").asInt()).isEqualTo(1);
				assertThat(body.get("model").asString()).isEqualTo(OTHER_MODEL);
			});
		});
	}

}

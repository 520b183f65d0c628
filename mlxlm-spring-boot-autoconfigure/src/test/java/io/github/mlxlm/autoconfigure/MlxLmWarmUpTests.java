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

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Warm-up ({@code mlxlm.warm-up}) and the server identity it reveals.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmWarmUpTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String REPLY = "{\"id\": \"cmpl-1\", \"system_fingerprint\": \"0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s\", "
			+ "\"object\": \"text_completion\", \"model\": \"default_model\", \"created\": 1766400000, "
			+ "\"choices\": [{\"index\": 0, \"finish_reason\": \"length\", \"text\": \"Hi\"}], "
			+ "\"usage\": {\"prompt_tokens\": 1, \"completion_tokens\": 1, \"total_tokens\": 2}}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class))
		.withPropertyValues("mlxlm.base-url=" + server.baseUrl() + "/v1");

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	private static List<LoggedRequest> completions() {
		return server.findAll(postRequestedFor(urlEqualTo("/v1/completions")));
	}

	@Test
	void warmUpIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MlxLmWarmUp.class));
	}

	@Test
	void warmUpIsOffWhenAnotherChatModelIsSelected() {
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true", "spring.ai.model.chat=ollama")
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmWarmUp.class));
	}

	@Test
	void warmUpSendsExactlyOneOneTokenRequestWithoutDelayingReadiness() {
		server.stubFor(post("/v1/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "application/json")
			.withBody(REPLY)
			.withFixedDelay(3000)));
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true").run((context) -> {
			long start = System.nanoTime();
			ready(context);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
			await().atMost(Duration.ofSeconds(10)).until(() -> completions().size() == 1);
			JsonNode body = JsonMapper.builder().build().readTree(completions().get(0).getBodyAsString());
			assertThat(body.get("max_tokens").asInt()).isEqualTo(1);
			assertThat(body.get("model").asString()).isEqualTo("default_model");
		});
	}

	@Test
	void warmUpLogsItsDurationAtInfo(CapturedOutput output) {
		server.stubFor(post("/v1/completions")
			.willReturn(aResponse().withStatus(200).withHeader("Content-type", "application/json").withBody(REPLY)));
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true", "mlxlm.model=mlx-community/Qwen3-4B")
			.run((context) -> StepVerifier.create(context.getBean(MlxLmWarmUp.class).warmUp()).verifyComplete());
		assertThat(output).contains("MLX-LM warm-up of model 'mlx-community/Qwen3-4B'", " ms");
	}

	@Test
	void warmUpFailureIsLoggedAtWarnWithTheUrlAndNeverFails(CapturedOutput output) {
		server.stubFor(post("/v1/completions").willReturn(aResponse().withStatus(404)
			.withHeader("Content-type", "application/json")
			.withBody("{\"error\": \"Model not found\"}")));
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true")
			.run((context) -> StepVerifier.create(context.getBean(MlxLmWarmUp.class).warmUp()).verifyComplete());
		assertThat(output).contains("WARN", "warm-up", server.baseUrl() + "/v1/completions", "Model not found");
	}

	@Test
	void healthShowsServerAndMlxVersionsOnceACompletionToldThem() {
		server.stubFor(get("/health").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "application/json")
			.withBody("{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "application/json")
			.withBody("{\"object\": \"list\", \"data\": []}")));
		server.stubFor(post("/v1/completions")
			.willReturn(aResponse().withStatus(200).withHeader("Content-type", "application/json").withBody(REPLY)));
		this.contextRunner.withPropertyValues("mlxlm.warm-up=true").run((context) -> {
			MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(context.getBean(MlxLmClient.class),
					Duration.ofSeconds(2));
			StepVerifier.create(indicator.health())
				.assertNext(
						(health) -> assertThat(health.getDetails()).doesNotContainKeys("serverVersion", "mlxVersion"))
				.verifyComplete();
			StepVerifier.create(context.getBean(MlxLmWarmUp.class).warmUp()).verifyComplete();
			StepVerifier.create(indicator.health()).assertNext((health) -> {
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("serverVersion", "0.32.0")
					.containsEntry("mlxVersion", "0.32.1");
			}).verifyComplete();
		});
	}

}

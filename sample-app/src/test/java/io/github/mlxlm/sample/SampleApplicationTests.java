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

package io.github.mlxlm.sample;

import java.util.List;

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's HTTP contract, end to end against the server simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class SampleApplicationTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String ANSWER = "Hello there, this is MLX speaking.";

	static final MlxLmSimulator simulator = MlxLmSimulator.builder().model(MODEL).script("Say hello", ANSWER).start();

	@Autowired
	WebTestClient webClient;

	@DynamicPropertySource
	static void mlxlm(DynamicPropertyRegistry registry) {
		registry.add("mlxlm.base-url", simulator::baseUrl);
		registry.add("mlxlm.simulator.enabled", () -> "false");
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Test
	void chatAnswersWithTextModelFinishReasonAndUsage() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Say hello\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isEqualTo(ANSWER)
			// The model the server runs, detected; the wire still says "default_model".
			.jsonPath("$.model")
			.isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.jsonPath("$.finishReason")
			.isEqualTo("stop")
			.jsonPath("$.usage.promptTokens")
			.value((Integer tokens) -> assertThat(tokens).isPositive())
			.jsonPath("$.usage.completionTokens")
			.value((Integer tokens) -> assertThat(tokens).isPositive())
			.jsonPath("$.usage.totalTokens")
			.value((Integer tokens) -> assertThat(tokens).isPositive());
	}

	@Test
	void chatRejectsBlankMessageWithJsonError() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"  \"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("message").contains("blank"));
	}

	@Test
	void chatRejectsMissingMessageWithJsonError() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("message"));
	}

	@Test
	void streamSendsChunksWhoseConcatenationIsTheWholeAnswer() {
		List<ServerSentEvent<String>> events = this.webClient.get()
			.uri("/chat/stream?message={m}", "Say hello")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(java.time.Duration.ofSeconds(30));
		// Text chunks are the unnamed events; the named ones (done, ...) carry other
		// data.
		List<ServerSentEvent<String>> chunks = events.stream().filter((event) -> event.event() == null).toList();
		assertThat(chunks).hasSizeGreaterThan(1);
		StringBuilder whole = new StringBuilder();
		chunks.forEach((event) -> whole.append(event.data()));
		assertThat(whole).hasToString(ANSWER);
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
	}

	@Test
	void streamRejectsBlankMessage() {
		this.webClient.get().uri("/chat/stream?message=").exchange().expectStatus().isBadRequest();
	}

	@Test
	void healthShowsMlxlmUpWithModel() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mlxlm.details.model")
			.isEqualTo(MODEL)
			.jsonPath("$.components.mlxlm.details.baseUrl")
			.isEqualTo(simulator.baseUrl());
	}

	@Test
	void chatNeverMakesTheServerLoadAnotherModel() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Say hello\"}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(simulator.loads()).isEmpty();
	}

}

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

import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With its default configuration the sample app runs on the embedded simulator, so it
 * works on any machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mlxlm.simulator.tokens-per-second=0")
@AutoConfigureWebTestClient(timeout = "30s")
class EmbeddedSimulatorSampleApplicationTests {

	@Autowired
	WebTestClient webClient;

	@Autowired
	MlxLmSimulator simulator;

	@Test
	void chatSendsPerRequestOptionsMergedOverTheDefaults() {
		this.simulator.clearRequests();
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Hello\", \"temperature\": 0.5, \"maxTokens\": 64, \"enableThinking\": false}")
			.exchange()
			.expectStatus()
			.isOk();
		String body = this.simulator.requests()
			.stream()
			.filter((request) -> request.path().equals("/v1/chat/completions"))
			.map(RecordedRequest::bodyAsString)
			.findFirst()
			.orElseThrow();
		assertThat(body).contains("\"temperature\":0.5")
			.contains("\"max_tokens\":64")
			.contains("\"chat_template_kwargs\":{\"enable_thinking\":false}")
			.contains("\"model\":\"default_model\"");
	}

	@Test
	void chatShowsReasoningApartFromTheAnswer() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Please think: what is 6 times 7?\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isEqualTo("The answer is 42.")
			.jsonPath("$.reasoning")
			.value((String reasoning) -> assertThat(reasoning).contains("6 times 7 is 42"));
	}

	@Test
	void chatWithoutReasoningHasNoReasoningField() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Hello\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reasoning")
			.doesNotExist()
			.jsonPath("$.toolCalls")
			.doesNotExist();
	}

	@Test
	void chatToolsRunsTheWeatherToolAndListsTheCall() {
		this.webClient.post()
			.uri("/chat/tools")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"What is the weather in Oslo?\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.value((String answer) -> assertThat(answer).contains("18 °C"))
			.jsonPath("$.finishReason")
			.isEqualTo("stop")
			.jsonPath("$.toolCalls[0].name")
			.isEqualTo("get_weather")
			.jsonPath("$.toolCalls[0].arguments.city")
			.isEqualTo("Oslo")
			.jsonPath("$.toolCalls[0].arguments.unit")
			.isEqualTo("celsius")
			.jsonPath("$.toolCalls.length()")
			.isEqualTo(1);
	}

	@Test
	void chatAnswersFromTheEmbeddedSimulatorByDefault() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Hello\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isNotEmpty()
			.jsonPath("$.finishReason")
			.isEqualTo("stop")
			.jsonPath("$.server")
			.isEqualTo(this.simulator.host() + ":" + this.simulator.port());
	}

	@Test
	void healthIsUpOnTheEmbeddedSimulatorByDefault() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mlxlm.details.model")
			.isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit");
	}

	@Test
	void healthShowsNoDiscoveryComponentsWithOneServer() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.discoveryComposite")
			.doesNotExist()
			.jsonPath("$.components.reactiveDiscoveryClients")
			.doesNotExist();
	}

}

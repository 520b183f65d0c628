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

package io.github.mlxlm.sample.readme;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of the README runs, and does what the README says, against the simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ReadmeExamplesTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	// Order matters for the tool: the follow-up request still ends with the user's
	// question, so the script for the tool's result must come first.
	static final MlxLmSimulator simulator = MlxLmSimulator.builder()
		.model(MODEL)
		.script("Say hello", "Hello from MLX.")
		.script("What is my name?", "Your name is Ada.")
		.script("Write a haiku about the sea", "Grey waves fold and break")
		.script("Is 1001 a prime number?", Reply.reasoning("1001 is 7 times 143.", "No: 1001 = 7 × 11 × 13."))
		.script("Sunny, 18", "It is sunny and 18 °C in Oslo.")
		.script("weather in", Reply.toolCall("currentWeather", "{\"city\": \"Oslo\"}"))
		.start();

	@Autowired
	WebTestClient webClient;

	@Autowired
	ChatClient.Builder chatClientBuilder;

	@Autowired
	MlxLmChatModel chatModel;

	@Autowired
	ChatMemory chatMemory;

	@DynamicPropertySource
	static void mlxlm(DynamicPropertyRegistry registry) {
		registry.add("mlxlm.base-url", simulator::baseUrl);
		registry.add("mlxlm.simulator.enabled", () -> "false");
	}

	@AfterEach
	void clearFaults() {
		simulator.faults().clear();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	ChatClient chatClient() {
		return this.chatClientBuilder.build();
	}

	@Test
	void quickStartAnswersACall() {
		this.webClient.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello from MLX.");
	}

	@Test
	void quickStartStreamKeepsEveryCharacterForWebTestClient() {
		List<ServerSentEvent<HelloController.Chunk>> events = this.webClient.get()
			.uri("/hello/stream")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<HelloController.Chunk>>() {
			})
			.getResponseBody()
			.collectList()
			.block(TIMEOUT);
		assertThat(events).hasSizeGreaterThan(1);
		assertThat(events.stream().map((event) -> event.data().text()).reduce("", String::concat))
			.isEqualTo("Hello from MLX.");
	}

	@Test
	void quickStartStreamKeepsEveryCharacterForABrowsersEventSource() {
		byte[] body = this.webClient.get()
			.uri("/hello/stream")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		// What EventSource does: "data:" and one optional space are cut, then the page
		// reads the JSON.
		JsonMapper json = JsonMapper.builder().build();
		String text = new String(body, StandardCharsets.UTF_8).lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> line.substring(5))
			.map((data) -> data.startsWith(" ") ? data.substring(1) : data)
			.map((data) -> json.readTree(data).get("text").asString())
			.reduce("", String::concat);
		assertThat(text).isEqualTo("Hello from MLX.");
	}

	@Test
	void responseCarriesFinishReasonModelAndUsage() {
		ChatResponse response = ReadmeExamples.response(chatClient());
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello from MLX.");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
		assertThat(response.getMetadata().getModel()).isEqualTo(MODEL);
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isNotNull();
	}

	@Test
	void chatMemoryIsABeanAndCarriesTheConversation() {
		assertThat(ReadmeExamples.chatMemory(this.chatClientBuilder.clone(), this.chatMemory))
			.isEqualTo("Your name is Ada.");
		assertThat(lastChatBody()).contains("My name is Ada.");
	}

	@Test
	void optionsGoOnTheWire() {
		assertThat(ReadmeExamples.options(chatClient())).isEqualTo("Grey waves fold and break");
		assertThat(lastChatBody()).contains("\"temperature\":0.8")
			.contains("\"top_k\":40")
			.contains("\"min_p\":0.05")
			.contains("\"max_tokens\":256");
	}

	@Test
	void reasoningIsApartFromTheAnswer() {
		AssistantMessage message = ReadmeExamples.reasoning(chatClient());
		assertThat(message.getText()).isEqualTo("No: 1001 = 7 × 11 × 13.");
		assertThat(message.getMetadata()).containsEntry(MlxLmChatModel.REASONING, "1001 is 7 times 143.");
		assertThat(lastChatBody()).contains("\"chat_template_kwargs\":{\"enable_thinking\":true}");
	}

	@Test
	void toolRunsAndTheModelAnswersWithItsResult() {
		assertThat(ReadmeExamples.tools(chatClient())).isEqualTo("It is sunny and 18 °C in Oslo.");
		assertThat(lastChatBody()).contains("Sunny, 18 °C in Oslo");
	}

	@Test
	void failuresAreToldByReason() {
		assertThat(ReadmeExamples.failures(chatClient(), "Say hello")).isEqualTo("Hello from MLX.");
		simulator.faults().refuseConnections(true);
		assertThat(ReadmeExamples.failures(chatClient(), "Say hello")).isEqualTo("The model server is not running.");
	}

	@Test
	void invalidOptionsAreToldByField() {
		ChatClient invalid = this.chatClientBuilder.clone()
			.defaultOptions(MlxLmChatOptions.builder().topP(1.5))
			.build();
		assertThat(ReadmeExamples.failures(invalid, "Say hello")).isEqualTo("Invalid topP");
	}

	private static String lastChatBody() {
		return simulator.requests()
			.stream()
			.filter((request) -> request.path().equals("/v1/chat/completions"))
			.reduce((first, second) -> second)
			.map(RecordedRequest::bodyAsString)
			.orElseThrow();
	}

}

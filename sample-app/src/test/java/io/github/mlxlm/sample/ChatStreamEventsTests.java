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

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The named events of {@code GET /chat/stream}: {@code reasoning}, {@code tool},
 * {@code done} and {@code error}, with the text chunks unchanged, against the embedded
 * simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mlxlm.simulator.tokens-per-second=0")
@AutoConfigureWebTestClient(timeout = "30s")
class ChatStreamEventsTests {

	static final List<String> CHUNKS = List.of("Hello", " world", ",  two  spaces", "\n and a new line.");

	@Autowired
	WebTestClient webClient;

	@Autowired
	MlxLmSimulator simulator;

	@AfterEach
	void clearFaults() {
		this.simulator.faults().clear();
	}

	@Test
	void textChunksStayExactAndDoneReportsFinishUsageAndModel() {
		List<ServerSentEvent<String>> events = stream("Spaces please", false);
		assertThat(text(events, null)).isEqualTo(String.join("", CHUNKS));
		assertThat(events).filteredOn((event) -> event.event() == null).hasSize(CHUNKS.size());
		ServerSentEvent<String> done = events.get(events.size() - 1);
		assertThat(done.event()).isEqualTo("done");
		assertThat(json(done, "$.finishReason")).isEqualTo("stop");
		assertThat(JsonPath.<Integer>read(done.data(), "$.usage.promptTokens")).isPositive();
		assertThat(JsonPath.<Integer>read(done.data(), "$.usage.completionTokens")).isPositive();
		assertThat(JsonPath.<Integer>read(done.data(), "$.usage.totalTokens")).isPositive();
		assertThat(json(done, "$.model")).isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit");
	}

	@Test
	void reasoningComesAsItsOwnEventsBeforeTheAnswer() {
		List<ServerSentEvent<String>> events = stream("Please think: what is 6 times 7?", false);
		assertThat(text(events, "reasoning")).isEqualTo("The user asks me to think first. 6 times 7 is 42.");
		assertThat(text(events, null)).isEqualTo("The answer is 42.");
		assertThat(names(events).indexOf("reasoning")).isLessThan(names(events).indexOf("text"));
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
	}

	@Test
	void toolCallIsAnEventBeforeTheAnswerItFed() {
		List<ServerSentEvent<String>> events = stream("What is the weather in Oslo?", true);
		List<ServerSentEvent<String>> tools = events.stream().filter((event) -> "tool".equals(event.event())).toList();
		assertThat(tools).hasSize(1);
		ServerSentEvent<String> tool = tools.get(0);
		assertThat(json(tool, "$.name")).isEqualTo("get_weather");
		assertThat(json(tool, "$.arguments.city")).isEqualTo("Oslo");
		assertThat(json(tool, "$.arguments.unit")).isEqualTo("celsius");
		assertThat(json(tool, "$.result")).contains("18 °C");
		assertThat(names(events).indexOf("tool")).isLessThan(names(events).indexOf("text"));
		assertThat(text(events, null)).contains("18 °C");
		ServerSentEvent<String> done = events.get(events.size() - 1);
		assertThat(done.event()).isEqualTo("done");
		assertThat(json(done, "$.finishReason")).isEqualTo("stop");
	}

	@Test
	void withoutToolsTheModelWritesTheCallAsTextAndNoToolRuns() {
		List<ServerSentEvent<String>> events = stream("What is the weather in Oslo?", false);
		assertThat(names(events)).doesNotContain("tool");
	}

	@Test
	void streamCutByTheServerEndsWithAnErrorProblemNotDone() {
		this.simulator.faults().stopStreamAfterChunks(2);
		List<ServerSentEvent<String>> events = stream("Spaces please", false);
		assertThat(text(events, null)).isEqualTo("Hello world");
		assertThat(names(events)).doesNotContain("done");
		ServerSentEvent<String> error = events.get(events.size() - 1);
		assertThat(error.event()).isEqualTo("error");
		assertThat(JsonPath.<Integer>read(error.data(), "$.status")).isEqualTo(502);
		assertThat(json(error, "$.title")).isEqualTo("MLX-LM server dropped the connection");
		assertThat(json(error, "$.detail")).contains(this.simulator.baseUrl()).contains("the answer is incomplete");
		assertThat(json(error, "$.instance")).isEqualTo("/chat/stream");
		// Rendered as /chat renders a problem: no "properties" wrapper, no nulls.
		assertThat(error.data()).doesNotContain("properties").doesNotContain("null");
	}

	@Test
	void failureBeforeTheFirstEventIsAnOrdinaryProblemResponseAsOnChat() {
		this.simulator.faults().refuseConnections(true);
		this.webClient.get()
			.uri("/chat/stream?message={m}", "Spaces please")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("MLX-LM server unreachable")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(this.simulator.baseUrl()));
	}

	private List<ServerSentEvent<String>> stream(String message, boolean tools) {
		List<ServerSentEvent<String>> events = this.webClient.get()
			.uri("/chat/stream?message={m}&tools={t}", message, tools)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));
		return Objects.requireNonNull(events);
	}

	private static String text(List<ServerSentEvent<String>> events, String name) {
		return events.stream()
			.filter((event) -> Objects.equals(event.event(), name))
			.map(ServerSentEvent::data)
			.collect(Collectors.joining());
	}

	private static List<String> names(List<ServerSentEvent<String>> events) {
		return events.stream().map((event) -> (event.event() != null) ? event.event() : "text").toList();
	}

	private static String json(ServerSentEvent<String> event, String path) {
		return JsonPath.read(Objects.requireNonNull(event.data()), path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Scripts {

		@Bean
		MlxLmSimulatorBuilderCustomizer spacedReply() {
			return (builder) -> builder.script("Spaces please", Reply.chunks(CHUNKS.toArray(String[]::new)));
		}

	}

}

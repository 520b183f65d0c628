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

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.mlxlm.simulator.GenerationRecord;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with the {@code fleet} profile: three embedded simulators behind
 * {@code lb://mlxlm/v1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.fleet.tokens-per-second=0")
@ActiveProfiles("fleet")
@AutoConfigureWebTestClient(timeout = "30s")
class FleetSampleApplicationTests {

	@Autowired
	WebTestClient webClient;

	@Autowired
	FleetSimulators fleet;

	@Test
	void chatsReachOnlyTheServersOfTheConfiguredModel() {
		for (int i = 0; i < 4; i++) {
			this.webClient.post()
				.uri("/chat")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"message\": \"Hello " + i + "\"}")
				.exchange()
				.expectStatus()
				.isOk();
		}
		List<MlxLmSimulator> simulators = this.fleet.simulators();
		assertThat(chats(simulators.get(0)) + chats(simulators.get(1))).isEqualTo(4);
		assertThat(chats(simulators.get(2))).isZero();
	}

	@Test
	void turnsOfOneConversationReachOneServerWhosePromptCacheHoldsTheEarlierTurns() {
		String conversationId = "fleet-conversation-" + System.nanoTime();
		Answer first = ask("My name is Ada. Please remember it.", conversationId);
		Answer second = ask("What is my name?", conversationId);
		List<MlxLmSimulator> simulators = this.fleet.simulators();
		List<String> modelServers = List.of(name(simulators.get(0)), name(simulators.get(1)));
		assertThat(first.server()).isIn(modelServers);
		assertThat(second.server()).isEqualTo(first.server());
		assertThat(second.usage().cachedTokens()).isPositive();
		assertThat(second.usage().promptTokens()).isGreaterThan(first.usage().promptTokens());
		MlxLmSimulator answering = simulators.get(modelServers.indexOf(first.server()));
		List<String> bodies = answering.requests()
			.stream()
			.filter((r) -> r.path().equals("/v1/chat/completions"))
			.map(RecordedRequest::bodyAsString)
			.filter((body) -> body.contains("My name is Ada"))
			.toList();
		// The second turn carried the first from the chat memory; the id never went out.
		assertThat(bodies).hasSize(2);
		assertThat(bodies.get(1)).contains("What is my name?");
		assertThat(bodies).allSatisfy((body) -> assertThat(body).doesNotContain(conversationId));
		GenerationRecord last = answering.generations().get(answering.generations().size() - 1);
		assertThat(last.cacheHit()).isTrue();
	}

	@Test
	void conversationsAreKeptApart() {
		String one = "fleet-one-" + System.nanoTime();
		String two = "fleet-two-" + System.nanoTime();
		ask("Remember the colour blue.", one);
		ask("Remember the colour red.", two);
		ask("Which colour?", one);
		List<String> bodies = this.fleet.simulators()
			.stream()
			.flatMap((simulator) -> simulator.requests().stream())
			.map(RecordedRequest::bodyAsString)
			.filter((body) -> body.contains("Which colour?"))
			.toList();
		assertThat(bodies).singleElement().satisfies((body) -> assertThat(body).contains("blue").doesNotContain("red"));
	}

	private Answer ask(String message, String conversationId) {
		Answer answer = this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"" + message + "\", \"conversationId\": \"" + conversationId + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Answer.class)
			.returnResult()
			.getResponseBody();
		assertThat(answer).isNotNull();
		return answer;
	}

	private static String name(MlxLmSimulator simulator) {
		return simulator.host() + ":" + simulator.port();
	}

	@Test
	void healthShowsOneComponentPerServer() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mlxlm.components.length()")
			.isEqualTo(3);
	}

	private static long chats(MlxLmSimulator simulator) {
		return simulator.requests().stream().filter((r) -> r.path().equals("/v1/chat/completions")).count();
	}

	// The parts of an answer these tests read (the sample refuses unknown properties in
	// requests, and this client shares its codecs).
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(String answer, String server, Usage usage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Usage(int promptTokens, int completionTokens, long cachedTokens) {
	}

}

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

package io.github.mlxlm.chat;

import java.util.List;

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmServerIdentity;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chat model on the real wire: HTTP/1.0 close-delimited replies, keep-alive comments,
 * model semantics and strict parameter checks, as the simulator reproduces them.
 */
class MlxLmChatModelSimulatorTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String OTHER_MODEL = "mlx-community/Llama-3.2-3B-Instruct-4bit";

	private MlxLmSimulator simulator;

	private MlxLmChatModelFactory factory;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model(MODEL)
			.huggingFaceCache(MODEL, OTHER_MODEL)
			.prefillTokensPerSecond(1000)
			.start();
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	private List<RecordedRequest> chatRequests() {
		return this.simulator.requests().stream().filter((r) -> r.path().equals("/v1/chat/completions")).toList();
	}

	@Test
	void callsInARowEachReachTheServerExactlyOnce() {
		ChatModel chatModel = this.factory.create();
		for (int i = 0; i < 5; i++) {
			assertThat(chatModel.call(new Prompt("call " + i)).getResult().getOutput().getText()).isNotEmpty();
		}
		assertThat(chatRequests()).hasSize(5);
	}

	@Test
	void callsAndStreamsInARowEachReachTheServerExactlyOnce() {
		ChatModel chatModel = this.factory.create();
		for (int i = 0; i < 3; i++) {
			chatModel.call(new Prompt("call " + i));
			StepVerifier.create(chatModel.stream(new Prompt("stream " + i)).then()).verifyComplete();
		}
		assertThat(chatRequests()).hasSize(6);
	}

	@Test
	void callsAndStreamsNameTheServerThatAnswered() {
		MlxLmChatModel chatModel = this.factory.create();
		String server = this.simulator.host() + ":" + this.simulator.port();
		assertThat((String) chatModel.call(new Prompt("call")).getMetadata().get(MlxLmChatModel.SERVER))
			.isEqualTo(server);
		StepVerifier.create(chatModel.stream(new Prompt("stream")))
			.thenConsumeWhile((response) -> server.equals(response.getMetadata().get(MlxLmChatModel.SERVER)))
			.verifyComplete();
		StepVerifier
			.create(chatModel.getApi()
				.chat(new io.github.mlxlm.api.MlxLmApi.ChatRequest(MODEL,
						List.of(new io.github.mlxlm.api.MlxLmApi.Message("user", "Hi", null, null, null, null)), null,
						null, null, null, null, null, null, null, null, null, java.util.Map.of()), null))
			.assertNext((completion) -> assertThat(completion.server()).isEqualTo(server))
			.verifyComplete();
	}

	@Test
	void callReadsTheCloseDelimitedReply() {
		ChatResponse response = this.factory.create().call(new Prompt("Hello"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(MlxLmSimulator.DEFAULT_REPLY);
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isPositive();
	}

	@Test
	void streamSkipsKeepAliveCommentsAndAssemblesTheWholeAnswer() {
		StepVerifier
			.create(this.factory.create()
				.stream(new Prompt("Hello"))
				.filter((response) -> response.getResult() != null)
				.mapNotNull((response) -> response.getResult().getOutput().getText())
				.reduce(String::concat))
			.expectNext(MlxLmSimulator.DEFAULT_REPLY)
			.verifyComplete();
	}

	@Test
	void streamEndsWithTheUsageOfTheUsageChunk() {
		StepVerifier
			.create(this.factory.create()
				.stream(new Prompt("Hello"))
				.map((response) -> response.getMetadata().getUsage().getTotalTokens())
				.filter((total) -> total != null && total > 0)
				.count())
			.expectNext(1L)
			.verifyComplete();
	}

	@Test
	void unconfiguredModelNeverMakesTheServerLoadOne() {
		ChatModel chatModel = this.factory.create();
		chatModel.call(new Prompt("Hello"));
		StepVerifier.create(chatModel.stream(new Prompt("Hello")).then()).verifyComplete();
		assertThat(this.simulator.loads()).isEmpty();
		assertThat(chatRequests()).allSatisfy(
				(request) -> assertThat(body(request).get("model").asString()).isEqualTo(MlxLmClient.DEFAULT_MODEL));
	}

	@Test
	void configuredResidentModelNeverMakesTheServerLoadOne() {
		try (MlxLmChatModelFactory configured = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).model(MODEL).build())
			.build()) {
			configured.create().call(new Prompt("Hello"));
		}
		assertThat(this.simulator.loads()).isEmpty();
	}

	@Test
	void anotherModelIdMakesTheServerSwapModels() {
		// What the starter must never do on its own: the simulator records the swap.
		this.factory.create(OTHER_MODEL).call(new Prompt("Hello"));
		assertThat(this.simulator.loads()).containsExactly(OTHER_MODEL);
	}

	@Test
	void rawBodiesCarryContentLengthNoNullAndExactTypes() {
		ChatModel chatModel = this.factory.create();
		chatModel.call(new Prompt("Hello"));
		StepVerifier.create(chatModel.stream(new Prompt("Hello")).then()).verifyComplete();
		assertThat(chatRequests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.header("Content-Length")).hasValue(String.valueOf(request.body().length));
			assertThat(request.header("Transfer-Encoding")).isEmpty();
			JsonNode body = body(request);
			assertThat(MlxLmChatModelWireMockTests.nulls(body, "$")).isEmpty();
			body.properties().forEach((entry) -> {
				switch (entry.getKey()) {
					case "max_tokens", "max_completion_tokens", "top_k", "seed" ->
						assertThat(entry.getValue().isIntegralNumber()).as(entry.getKey()).isTrue();
					case "stream" -> assertThat(entry.getValue().isBoolean()).isTrue();
					case "messages" -> assertThat(entry.getValue().isArray()).isTrue();
					default -> {
					}
				}
			});
		});
	}

	@Test
	void chatReplyTellsTheClientTheServersVersions() {
		MlxLmServerIdentity identity = identityAfter((chatModel) -> chatModel.call(new Prompt("Hello")));
		assertThat(identity.serverVersion()).isEqualTo("0.32.0");
		assertThat(identity.mlxVersion()).isEqualTo("0.32.1");
	}

	@Test
	void streamTellsTheClientTheServersVersions() {
		MlxLmServerIdentity identity = identityAfter(
				(chatModel) -> StepVerifier.create(chatModel.stream(new Prompt("Hello")).then()).verifyComplete());
		assertThat(identity.serverVersion()).isEqualTo("0.32.0");
		assertThat(identity.mlxVersion()).isEqualTo("0.32.1");
	}

	private MlxLmServerIdentity identityAfter(java.util.function.Consumer<ChatModel> use) {
		MlxLmClient client = MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build();
		try (MlxLmChatModelFactory withClient = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build())
			.client(client)
			.build()) {
			assertThat(client.serverIdentity()).isNull();
			use.accept(withClient.create());
		}
		assertThat(client.serverIdentity()).isNotNull();
		return client.serverIdentity();
	}

	@Test
	void failedModelLoadReportsTheServersErrorText() {
		this.simulator.faults().failModelLoad(OTHER_MODEL, "No safetensors found");
		MlxLmChatModel chatModel = this.factory.createChatModel(MlxLmChatOptions.builder().model(OTHER_MODEL).build());
		assertThatThrownBy(() -> chatModel.call(new Prompt("Hello")))
			.isInstanceOfSatisfying(io.github.mlxlm.api.MlxLmHttpException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.serverError()).isEqualTo("No safetensors found");
				assertThat(ex.getMessage()).contains(this.simulator.baseUrl())
					.endsWith("answered HTTP 404: No safetensors found");
			});
	}

	@Test
	void requestAnsweredWithAResetIsNotSentAgain() {
		this.simulator.faults().resetConnections(true);
		assertThatThrownBy(() -> this.factory.create().call(new Prompt("Hello"))).isInstanceOf(RuntimeException.class);
		assertThat(chatRequests()).hasSize(1);
	}

	@Test
	void streamCutBeforeDoneFailsWithoutHangingOrResending() {
		this.simulator.faults().stopStreamAfterChunks(2);
		// The real server's broken stream simply ends: the client must fail on EOF, not
		// wait and not pass the half answer off as a whole one.
		StepVerifier.create(this.factory.create().stream(new Prompt("Hello")).then())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmException.class)
				.hasMessageContaining(this.simulator.baseUrl())
				.hasMessageContaining("after 2 chunks")
				.satisfies((e) -> assertThat(((MlxLmException) e).reason()).isEqualTo(MlxLmException.Reason.CLOSED)))
			.verify(java.time.Duration.ofSeconds(30));
		assertThat(chatRequests()).hasSize(1);
	}

	private JsonNode body(RecordedRequest request) {
		return this.json.readTree(request.bodyAsString());
	}

}

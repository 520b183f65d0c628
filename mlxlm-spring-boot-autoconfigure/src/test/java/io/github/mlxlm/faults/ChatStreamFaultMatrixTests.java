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

package io.github.mlxlm.faults;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmEndpoint;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix for the chat stream surface: {@link MlxLmChatModel#stream} and
 * {@code ChatClient...stream()} against every fault. A stream the server stops mid-way
 * fails after the chunks that arrived: mlx_lm.server ends a broken stream by closing the
 * connection, with nothing to tell it from a short answer but the missing finishing chunk
 * and {@code [DONE]}, so the client must not take it for a whole answer. The model-load
 * rows use a chat model configured for another model id (the user's own choice: the
 * starter never sends an id it was not given).
 */
class ChatStreamFaultMatrixTests extends ChatFaultMatrixSupport {

	@BeforeAll
	static void warmUp() {
		// First use of ChatClient and WireMock in a JVM loads many classes (seconds on 2
		// cores): not counted against the no-hang bound.
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build())
			.build()) {
			ChatClient.create(factory.createChatModel(MlxLmChatOptions.builder().build()))
				.prompt("Count")
				.stream()
				.content()
				.blockLast();
		}
	}

	static void assertFailsNamingUrl(Flux<?> stream, String baseUrl) {
		StepVerifier.create(stream.then()).expectErrorSatisfies((ex) -> assertNamesUrl(ex, baseUrl)).verify(NO_HANG);
	}

	static void assertFailsFor(Flux<?> stream, ServerFault fault) {
		StepVerifier.create(stream.then())
			.expectErrorSatisfies((ex) -> ChatFaultMatrixSupport.assertFailsFor(ex, fault))
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(ServerFault.class)
	void streamFailsWithErrorNamingUrlAndReasonWithinTimeout(ServerFault fault) {
		assertFailsFor(faulty(fault).stream(new Prompt("Count")), fault);
	}

	@ParameterizedTest
	@EnumSource(ServerFault.class)
	void chatClientStreamFailsWithErrorNamingUrlAndReasonWithinTimeout(ServerFault fault) {
		ChatClient chatClient = ChatClient.create(faulty(fault));
		assertFailsFor(chatClient.prompt("Count").stream().content(), fault);
	}

	@Test
	void giganticStreamFailsCleanlyAtTheLimit() {
		simulator.reset();
		MlxLmSimulator gigantic = MlxLmSimulator.builder()
			.model(ServerFault.RESIDENT_MODEL)
			.script("Flood", Reply.repeated("flood ", 1_000_000))
			.start();
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(new MlxLmClient(new MlxLmApi(new MlxLmConnection(MlxLmEndpoint.of(gigantic.baseUrl()), null, null,
					MlxLmConnection.DEFAULT_CONNECT_TIMEOUT, MlxLmConnection.DEFAULT_READ_TIMEOUT, 1,
					MlxLmConnection.DEFAULT_BACKOFF, 64 * 1024))))
			.build()) {
			StepVerifier
				.create(factory.create()
					.stream(new Prompt("Flood", MlxLmChatOptions.builder().maxTokens(30_000).build()))
					.then())
				.expectErrorSatisfies(
						(ex) -> assertThat(((MlxLmException) ex).reason()).isEqualTo(MlxLmException.Reason.TOO_LARGE))
				.verify(NO_HANG);
		}
		finally {
			gigantic.close();
		}
	}

	@org.junit.jupiter.api.Test
	void streamStoppedMidWayFailsAsIncompleteAfterTheChunksThatArrived() {
		StepVerifier.create(faulty(ServerFault.STOP_MID_STREAM).stream(new Prompt("Count")))
			.assertNext((response) -> assertThat(response.getResult().getMetadata().getFinishReason()).isNull())
			.expectErrorSatisfies((ex) -> {
				assertNamesUrl(ex, simulator.baseUrl());
				assertThat(((MlxLmException) ex).reason()).isEqualTo(MlxLmException.Reason.CLOSED);
			})
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(value = WireFault.class, names = "EMPTY_BODY", mode = EnumSource.Mode.EXCLUDE)
	void streamFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, true);
		String baseUrl = wireBaseUrl();
		assertFailsNamingUrl(chatModel(baseUrl, null).stream(new Prompt("Count")), baseUrl);
	}

	@ParameterizedTest
	@EnumSource(value = WireFault.class, names = "EMPTY_BODY", mode = EnumSource.Mode.EXCLUDE)
	void chatClientStreamFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, true);
		String baseUrl = wireBaseUrl();
		ChatClient chatClient = ChatClient.create(chatModel(baseUrl, null));
		assertFailsNamingUrl(chatClient.prompt("Count").stream().content(), baseUrl);
	}

	@org.junit.jupiter.api.Test
	void streamWithEmptyBodyFailsAsIncomplete() {
		WireFault.EMPTY_BODY.stubOn(wire, true);
		StepVerifier.create(chatModel(wireBaseUrl(), null).stream(new Prompt("Count"))).expectErrorSatisfies((ex) -> {
			assertNamesUrl(ex, wireBaseUrl());
			assertThat(ex).hasMessageContaining("after 0 chunks");
		}).verify(NO_HANG);
	}

	static String wireBaseUrl() {
		return WireFault.baseUrl(wire);
	}

}

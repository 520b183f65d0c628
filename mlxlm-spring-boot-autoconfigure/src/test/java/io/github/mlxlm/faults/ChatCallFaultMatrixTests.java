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

import java.util.concurrent.CompletableFuture;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The fault matrix for the chat call surface: {@link MlxLmChatModel#call} and
 * {@code ChatClient...call()} against every fault that reaches a non-streaming call. The
 * model-load rows use a chat model configured for another model id (the user's own
 * choice: the starter never sends an id it was not given).
 */
class ChatCallFaultMatrixTests extends ChatFaultMatrixSupport {

	@BeforeAll
	static void warmUp() {
		// First use of ChatClient and WireMock in a JVM loads many classes (seconds on 2
		// cores): not counted against the no-hang bound.
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build())
			.build()) {
			ChatClient.create(factory.createChatModel(MlxLmChatOptions.builder().build()))
				.prompt("Count")
				.call()
				.content();
		}
	}

	static Throwable failureOf(Runnable call) {
		CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> catchThrowable(call::run));
		Throwable thrown = assertThat(failure).as("the call must end").succeedsWithin(NO_HANG).actual();
		assertThat(thrown).as("the call must fail").isNotNull();
		return thrown;
	}

	// A call is a streamed request under the hood: a cut stream fails it too, instead of
	// passing the half answer off as a whole one.
	@ParameterizedTest
	@EnumSource(ServerFault.class)
	void callFailsWithErrorNamingUrlAndReasonWithinTimeout(ServerFault fault) {
		MlxLmChatModel chatModel = faulty(fault);
		assertFailsFor(failureOf(() -> chatModel.call(new Prompt("Count"))), fault);
	}

	@ParameterizedTest
	@EnumSource(ServerFault.class)
	void chatClientCallFailsWithErrorNamingUrlAndReasonWithinTimeout(ServerFault fault) {
		ChatClient chatClient = ChatClient.create(faulty(fault));
		assertFailsFor(failureOf(() -> chatClient.prompt("Count").call().content()), fault);
	}

	@ParameterizedTest
	@EnumSource(WireFault.class)
	void callFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, false);
		String baseUrl = wireBaseUrl();
		MlxLmChatModel chatModel = chatModel(baseUrl, null);
		assertNamesUrl(failureOf(() -> chatModel.call(new Prompt("Count"))), baseUrl);
	}

	@ParameterizedTest
	@EnumSource(WireFault.class)
	void chatClientCallFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, false);
		String baseUrl = wireBaseUrl();
		ChatClient chatClient = ChatClient.create(chatModel(baseUrl, null));
		assertNamesUrl(failureOf(() -> chatClient.prompt("Count").call().content()), baseUrl);
	}

	static String wireBaseUrl() {
		return WireFault.baseUrl(wire);
	}

}

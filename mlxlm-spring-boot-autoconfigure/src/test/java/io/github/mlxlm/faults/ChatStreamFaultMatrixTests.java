package io.github.mlxlm.faults;

import io.github.mlxlm.api.MlxLmException;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import org.junit.jupiter.api.BeforeAll;
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
 * ends cleanly without a finish reason, as the wire contract asks ("a client must end
 * cleanly on EOF"): mlx_lm.server ends a broken stream that way, with nothing to tell it from
 * a short answer but the missing {@code [DONE]}. The
 * model-load rows use a chat model configured for another model id (the user's own choice:
 * the starter never sends an id it was not given).
 */
class ChatStreamFaultMatrixTests extends ChatFaultMatrixSupport {

	@BeforeAll
	static void warmUp() {
		// First use of ChatClient and WireMock in a JVM loads many classes (seconds on 2 cores):
		// not counted against the no-hang bound.
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().baseUrl(simulator.baseUrl()).build()) {
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

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = "STOP_MID_STREAM", mode = EnumSource.Mode.EXCLUDE)
	void streamFailsWithErrorNamingUrlWithinTimeout(ServerFault fault) {
		assertFailsNamingUrl(faulty(fault).stream(new Prompt("Count")), simulator.baseUrl());
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = "STOP_MID_STREAM", mode = EnumSource.Mode.EXCLUDE)
	void chatClientStreamFailsWithErrorNamingUrlWithinTimeout(ServerFault fault) {
		ChatClient chatClient = ChatClient.create(faulty(fault));
		assertFailsNamingUrl(chatClient.prompt("Count").stream().content(), simulator.baseUrl());
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
		StepVerifier.create(chatModel(wireBaseUrl(), null).stream(new Prompt("Count")))
			.expectErrorSatisfies((ex) -> {
				assertNamesUrl(ex, wireBaseUrl());
				assertThat(ex).hasMessageContaining("after 0 chunks");
			})
			.verify(NO_HANG);
	}

	static String wireBaseUrl() {
		return WireFault.baseUrl(wire);
	}

}

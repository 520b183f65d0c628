package io.github.mlxlm.faults;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmException;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fault matrix for the chat call surface: {@link MlxLmChatModel#call} and
 * {@code ChatClient...call()} against every fault that reaches a non-streaming call. The
 * model-load rows use a chat model configured for another model id (the user's own choice:
 * the starter never sends an id it was not given).
 */
class ChatCallFaultMatrixTests {

	static final Duration TIMEOUT = Duration.ofMillis(700);

	static final Duration NO_HANG = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static MlxLmSimulator simulator;

	@Nullable MlxLmChatModelFactory factory;

	long baselineThreads;

	@BeforeAll
	static void start() {
		simulator = ServerFault.startSimulator();
		// First use of ChatClient and WireMock in a JVM loads many classes (seconds on 2 cores):
		// not counted against the no-hang bound.
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().baseUrl(simulator.baseUrl()).build()) {
			ChatClient.create(factory.createChatModel(MlxLmChatOptions.builder().build())).prompt("Count").call().content();
		}
		WireFault.warmUp(wire);
	}

	@BeforeEach
	void measureBaseline() {
		this.baselineThreads = ServerFault.clientThreads();
	}

	@AfterEach
	void clearFaultsAndCheckThreads() {
		if (this.factory != null) {
			this.factory.close();
		}
		simulator.reset();
		wire.resetAll();
		await().pollDelay(Duration.ZERO).atMost(NO_HANG).until(() -> ServerFault.serverConnections(simulator) == 0);
		await().pollDelay(Duration.ZERO)
			.atMost(NO_HANG)
			.untilAsserted(() -> assertThat(ServerFault.clientThreads()).as(ServerFault::describeThreads)
				.isLessThanOrEqualTo(this.baselineThreads));
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	MlxLmChatModel chatModel(String baseUrl, @Nullable String model) {
		this.factory = MlxLmChatModelFactory.builder()
			.baseUrl(baseUrl)
			.connectTimeout(TIMEOUT)
			.readTimeout(TIMEOUT)
			.build();
		MlxLmChatOptions.Builder defaults = MlxLmChatOptions.builder();
		if (model != null) {
			defaults.model(model);
		}
		return this.factory.createChatModel(defaults.build());
	}

	MlxLmChatModel faulty(ServerFault fault) {
		fault.applyTo(simulator);
		return chatModel(simulator.baseUrl(), fault.configuredModel());
	}

	static Throwable failureOf(Runnable call) {
		Throwable thrown = assertTimeoutPreemptively(NO_HANG, () -> catchThrowable(call::run));
		assertThat(thrown).as("the call must fail").isNotNull();
		return thrown;
	}

	static void assertNamesUrl(Throwable thrown, String baseUrl) {
		assertThat(thrown).isInstanceOf(MlxLmException.class)
			.isNotInstanceOf(CompletionException.class)
			.hasMessageContaining(baseUrl);
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = "STOP_MID_STREAM", mode = EnumSource.Mode.EXCLUDE)
	void callFailsWithErrorNamingUrlWithinTimeout(ServerFault fault) {
		MlxLmChatModel chatModel = faulty(fault);
		assertNamesUrl(failureOf(() -> chatModel.call(new Prompt("Count"))), simulator.baseUrl());
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = "STOP_MID_STREAM", mode = EnumSource.Mode.EXCLUDE)
	void chatClientCallFailsWithErrorNamingUrlWithinTimeout(ServerFault fault) {
		ChatClient chatClient = ChatClient.create(faulty(fault));
		assertNamesUrl(failureOf(() -> chatClient.prompt("Count").call().content()), simulator.baseUrl());
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

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

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmCompletionOptions;
import io.github.mlxlm.client.MlxLmModel;
import io.github.mlxlm.client.MlxLmServerStatus;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix for the client surface: every {@link MlxLmClient} operation against
 * every fault that reaches it. GET operations meet only the transport faults (the
 * generation and model-load faults act on completions); the operations documented as
 * "never an error" ({@code listModels}, {@code isRunning}, {@code status}) answer empty,
 * {@code false} or disconnected instead of failing.
 */
class ClientFaultMatrixTests {

	static final Duration TIMEOUT = Duration.ofMillis(700);

	static final Duration NO_HANG = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static MlxLmSimulator simulator;

	long baselineThreads;

	@BeforeAll
	static void start() {
		simulator = ServerFault.startSimulator();
		WireFault.warmUp(wire);
		// Warm up the shared event loops so that the baseline counts them.
		StepVerifier.create(client(simulator.baseUrl(), null).listModels()).expectNextCount(1).verifyComplete();
	}

	@BeforeEach
	void measureBaseline() {
		this.baselineThreads = ServerFault.clientThreads();
	}

	@AfterEach
	void clearFaultsAndCheckThreads() {
		simulator.reset();
		wire.resetAll();
		ServerFault.awaitNothingLeftBehind(simulator, this.baselineThreads, NO_HANG);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	static MlxLmClient client(String baseUrl, @Nullable String model) {
		return MlxLmClient.builder()
			.baseUrl(baseUrl)
			.apiKey(ServerFault.API_KEY)
			.model(model)
			.connectTimeout(TIMEOUT)
			.readTimeout(TIMEOUT)
			.build();
	}

	static MlxLmClient faulty(ServerFault fault) {
		fault.applyTo(simulator);
		return client(simulator.baseUrl(), fault.configuredModel());
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = { "REFUSED", "HANG_BEFORE_STATUS_LINE", "RESET", "EMPTY_REPLY" })
	void listModelsAnswersEmptyWithinTimeout(ServerFault fault) {
		List<MlxLmModel> models = faulty(fault).listModels().block(NO_HANG);
		assertThat(models).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = { "REFUSED", "HANG_BEFORE_STATUS_LINE", "RESET", "EMPTY_REPLY" })
	void isRunningAnswersFalseWithinTimeout(ServerFault fault) {
		assertThat(faulty(fault).isRunning().block(NO_HANG)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class,
			names = { "DEAD_GENERATION_THREAD", "SLOW_MODEL_LOAD", "FAILING_MODEL_LOAD" })
	void isRunningStaysTrueWhenOnlyGenerationFails(ServerFault fault) {
		// /health proves the process is alive, nothing more: the generation probe is what
		// catches these (HealthFaultMatrixTests).
		assertThat(faulty(fault).isRunning().block(NO_HANG)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = { "REFUSED", "HANG_BEFORE_STATUS_LINE", "RESET", "EMPTY_REPLY" })
	void statusIsDisconnectedWithErrorNamingUrl(ServerFault fault) {
		MlxLmServerStatus status = faulty(fault).status().block(NO_HANG);
		assertThat(status).isNotNull();
		assertThat(status.connected()).isFalse();
		assertThat(status.error()).contains(simulator.serverUrl());
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class, names = { "REFUSED", "HANG_BEFORE_STATUS_LINE", "RESET", "EMPTY_REPLY" })
	void detectModelFailsWithErrorNamingUrl(ServerFault fault) {
		StepVerifier.create(faulty(fault).detectModel())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(MlxLmException.class).hasMessageContaining(simulator.baseUrl()))
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class,
			names = { "STOP_MID_STREAM", "STOP_BEFORE_DONE", "RESET_MID_STREAM", "TRUNCATED_MID_STREAM" },
			mode = EnumSource.Mode.EXCLUDE)
	void completeFailsWithErrorNamingUrlAndReason(ServerFault fault) {
		StepVerifier.create(faulty(fault).complete("Count", MlxLmCompletionOptions.defaults()))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(MlxLmException.class).hasMessageContaining(simulator.baseUrl());
				assertThat(((MlxLmException) ex).reason()).as(ex.getMessage()).isEqualTo(fault.reason());
			})
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(value = ServerFault.class,
			names = { "STOP_MID_STREAM", "STOP_BEFORE_DONE", "RESET_MID_STREAM", "TRUNCATED_MID_STREAM" })
	void completeStreamCutMidWayFailsWithErrorNamingUrlAndReason(ServerFault fault) {
		StepVerifier.create(faulty(fault).completeStream("Count", MlxLmCompletionOptions.defaults()).then())
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(MlxLmException.class).hasMessageContaining(simulator.baseUrl());
				assertThat(((MlxLmException) ex).reason()).as(ex.getMessage()).isEqualTo(fault.reason());
			})
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(WireFault.class)
	void completeFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, false);
		String baseUrl = wireBaseUrl();
		StepVerifier.create(client(baseUrl, null).complete("Count", MlxLmCompletionOptions.defaults()))
			.expectErrorSatisfies((ex) -> ChatFaultMatrixSupport.assertNamesUrl(ex, baseUrl))
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(value = WireFault.class, names = { "MALFORMED_JSON", "SERVER_ERROR" })
	void detectModelFailsWithErrorNamingUrlOnBadReply(WireFault fault) {
		fault.stubOn(wire, false);
		String baseUrl = wireBaseUrl();
		StepVerifier.create(client(baseUrl, null).detectModel())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(MlxLmException.class).hasMessageContaining(baseUrl))
			.verify(NO_HANG);
	}

	@ParameterizedTest
	@EnumSource(value = WireFault.class, names = { "MALFORMED_JSON", "SERVER_ERROR" })
	void listModelsAnswersEmptyOnBadReply(WireFault fault) {
		fault.stubOn(wire, false);
		assertThat(client(wireBaseUrl(), null).listModels().block(NO_HANG)).isEmpty();
	}

	static String wireBaseUrl() {
		return WireFault.baseUrl(wire);
	}

}

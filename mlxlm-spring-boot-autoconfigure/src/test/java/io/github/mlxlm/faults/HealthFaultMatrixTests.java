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

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix for the health surface: {@link MlxLmHealthIndicator} with the
 * generation probe, against every simulator fault.
 */
class HealthFaultMatrixTests {

	static final Duration TIMEOUT = Duration.ofMillis(700);

	static final Duration NO_HANG = Duration.ofSeconds(5);

	static MlxLmSimulator simulator;

	static long baselineThreads;

	@BeforeAll
	static void start() {
		simulator = ServerFault.startSimulator();
		// Warm up the shared event loops so that the baseline counts them.
		StepVerifier.create(indicator(null, Duration.ZERO).health()).expectNextCount(1).verifyComplete();
		await().atMost(NO_HANG).until(() -> ServerFault.serverConnections(simulator) == 0);
	}

	@BeforeEach
	void measureBaseline() {
		// Per test: threads other test classes left behind are part of the baseline.
		baselineThreads = ServerFault.clientThreads();
	}

	@AfterEach
	void clearFaults() {
		simulator.reset();
		await().atMost(NO_HANG).until(() -> ServerFault.serverConnections(simulator) == 0);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	static MlxLmHealthIndicator indicator(String model, Duration cacheTtl) {
		MlxLmClient client = MlxLmClient.builder()
			.baseUrl(simulator.baseUrl())
			.model(model)
			.connectTimeout(TIMEOUT)
			.readTimeout(TIMEOUT)
			.build();
		return new MlxLmHealthIndicator(client, TIMEOUT, true, cacheTtl);
	}

	// The generation probe is a non-streaming request: mid-stream faults do not reach it.
	@ParameterizedTest
	@EnumSource(value = ServerFault.class,
			names = { "STOP_MID_STREAM", "STOP_BEFORE_DONE", "RESET_MID_STREAM", "TRUNCATED_MID_STREAM" },
			mode = EnumSource.Mode.EXCLUDE)
	void healthIsDownWithFailedStepAndUrlWithinTimeout(ServerFault fault) {
		fault.applyTo(simulator);
		Health health = indicator(fault.configuredModel(), Duration.ZERO).health().block(NO_HANG);
		assertThat(health).isNotNull();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failedStep",
				ServerFault.TRANSPORT.contains(fault) ? "health" : "generation");
		assertThat(health.getDetails()).containsKey("elapsed");
		assertThat((String) health.getDetails().get("error")).contains(simulator.serverUrl());
		simulator.faults().clear();
		await().atMost(NO_HANG)
			.untilAsserted(() -> assertThat(ServerFault.clientThreads()).as(ServerFault::describeThreads)
				.isLessThanOrEqualTo(baselineThreads));
	}

	@Test
	void healthIsUpWithGenerationDetailWhenServerGenerates() {
		Health health = indicator(null, Duration.ZERO).health().block(NO_HANG);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("probe", "generation").containsKey("generation");
	}

	@Test
	void generationProbeSendsDefaultModelForOneToken() {
		indicator(null, Duration.ZERO).health().block(NO_HANG);
		assertThat(simulator.requests()).filteredOn((request) -> request.method().equals("POST"))
			.singleElement()
			.satisfies((request) -> assertThat(request.bodyAsString()).contains("\"model\":\"default_model\"")
				.contains("\"max_tokens\":1"));
		assertThat(simulator.loads()).isEmpty();
	}

	@Test
	void generationProbeResultIsReusedWithinCacheTtl() {
		MlxLmHealthIndicator indicator = indicator(null, Duration.ofMinutes(1));
		indicator.health().block(NO_HANG);
		indicator.health().block(NO_HANG);
		assertThat(simulator.requests()).filteredOn((request) -> request.method().equals("POST")).hasSize(1);
	}

	@Test
	void livenessProbeSendsNoCompletion() {
		MlxLmClient client = MlxLmClient.builder().baseUrl(simulator.baseUrl()).build();
		Health health = new MlxLmHealthIndicator(client, TIMEOUT).health().block(NO_HANG);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(simulator.requests()).noneMatch((request) -> request.method().equals("POST"));
	}

}

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

package io.github.mlxlm.client;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmHttpException;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the retry policy of {@link MlxLmClient}: only a connection that failed before
 * any request byte was sent is retried.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmClientRetryTests {

	static MlxLmSimulator simulator;

	static Level previousLevel;

	@BeforeAll
	static void start() {
		simulator = MlxLmSimulator.builder().model("m").start();
		Logger logger = (Logger) LoggerFactory.getLogger(MlxLmClient.class);
		previousLevel = logger.getLevel();
		logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stop() {
		((Logger) LoggerFactory.getLogger(MlxLmClient.class)).setLevel(previousLevel);
		simulator.close();
	}

	private MlxLmClient client(int maxAttempts) {
		return MlxLmClient.builder()
			.baseUrl(simulator.baseUrl())
			.readTimeout(Duration.ofSeconds(2))
			.retry(maxAttempts, Duration.ofMillis(20))
			.build();
	}

	@Test
	void getIsRetriedUpToMaxAttemptsWhenConnectionIsRefused(CapturedOutput output) {
		simulator.faults().refuseConnections(true);
		StepVerifier.create(client(3).isRunning()).expectNext(false).verifyComplete();
		assertThat(output).containsOnlyOnce("(attempt 2 of 3)").containsOnlyOnce("(attempt 3 of 3)");
	}

	@Test
	void getIsNotRetriedWhenConnectionIsResetAfterRequestWasSent() {
		simulator.faults().resetConnections(true);
		StepVerifier.create(client(3).isRunning()).expectNext(false).verifyComplete();
		assertThat(simulator.requests()).filteredOn((request) -> request.path().equals("/health")).hasSize(1);
	}

	@Test
	void getIsNotRetriedWhenServerAnswersHttpError() {
		StepVerifier
			.create(MlxLmClient.builder()
				.baseUrl(simulator.serverUrl() + "/nowhere/v1")
				.retry(3, Duration.ofMillis(20))
				.build()
				.detectModel())
			.expectError(MlxLmHttpException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(simulator.requests()).hasSize(1);
	}

	@Test
	void generationProbeIsNeverRetried() {
		simulator.faults().resetConnections(true);
		StepVerifier.create(client(3).probeGeneration(Duration.ofSeconds(2)))
			.expectError(MlxLmConnectionException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(simulator.requests()).hasSize(1);
	}

	@Test
	void noRetryByDefault(CapturedOutput output) {
		simulator.faults().refuseConnections(true);
		StepVerifier.create(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build().isRunning())
			.expectNext(false)
			.verifyComplete();
		assertThat(output).doesNotContain("Retrying GET");
	}

}

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

package io.github.mlxlm.health;

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator against the simulator's real wire.
 */
class MlxLmHealthIndicatorSimulatorTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	private MlxLmSimulator simulator;

	private MlxLmHealthIndicator indicator;

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder().model(MODEL).start();
		this.indicator = new MlxLmHealthIndicator(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build(),
				Duration.ofSeconds(2));
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void healthIsUpWithTheServedModel() {
		StepVerifier.create(this.indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("model", MODEL)
				.containsEntry("modelGuessed", false)
				.containsEntry("baseUrl", this.simulator.baseUrl())
				.containsEntry("providerType", "mlxlm");
		}).expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void healthIsDownWhenTheServerRefusesConnections() {
		this.simulator.faults().refuseConnections(true);
		StepVerifier.create(this.indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error")).asString().contains("127.0.0.1");
		}).expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void healthIsDownWithinItsTimeoutWhenTheServerHangs() {
		this.simulator.faults().hangBeforeStatusLine(true);
		StepVerifier.create(this.indicator.health())
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

}

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

package io.github.mlxlm.fleet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mlxlm.metrics.MlxLmFleetMetrics;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which server answered shows in traces and meters.
 */
class MlxLmFleetObservabilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private TestFleet fleet;

	@AfterEach
	void stop() {
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

	@Test
	void observationOfAnExchangeNamesTheServerThatAnswered() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A);
		ObservationRegistry registry = ObservationRegistry.create();
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		StepVerifier.create(this.fleet.chat(this.fleet.webClient(registry), TestFleet.MODEL_A, "c"))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> !stopped.isEmpty());
		assertThat(stopped.get(0).getHighCardinalityKeyValues()).contains(
				KeyValue.of(MlxLmInstanceExchangeFilterFunction.SERVER_ADDRESS, "127.0.0.1"),
				KeyValue.of(MlxLmInstanceExchangeFilterFunction.SERVER_PORT,
						String.valueOf(this.fleet.simulators.get(0).port())));
	}

	@Test
	void metersCountRequestsPerServer() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MlxLmFleetMetrics(this.fleet.inFlight).bindTo(registry);
		WebClient webClient = this.fleet.webClient();
		String key = this.fleet.keyFirstRanking(1);
		StepVerifier.create(Flux.range(0, 3).concatMap((i) -> this.fleet.chat(webClient, TestFleet.MODEL_A, key)))
			.expectNextCount(3)
			.expectComplete()
			.verify(TIMEOUT);
		String port = String.valueOf(this.fleet.simulators.get(1).port());
		assertThat(registry.get(MlxLmFleetMetrics.REQUESTS)
			.tag("server.address", "127.0.0.1")
			.tag("server.port", port)
			.functionCounter()
			.count()).isEqualTo(3);
		assertThat(registry.get(MlxLmFleetMetrics.ACTIVE).tag("server.port", port).gauge().value()).isZero();
		assertThat(registry.find(MlxLmFleetMetrics.REQUESTS)
			.tag("server.port", String.valueOf(this.fleet.simulators.get(0).port()))
			.functionCounter()).isNull();
	}

}

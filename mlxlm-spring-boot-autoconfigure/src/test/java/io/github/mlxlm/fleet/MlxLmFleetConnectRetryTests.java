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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.fleet.FleetTestSupport;
import io.github.mlxlm.autoconfigure.fleet.MlxLmFleetAutoConfiguration;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an {@code lb://} base URL, connections that cannot be opened are retried by the
 * fleet's failover alone, each try on another server: the api of the application tries
 * each call once (whatever {@code mlxlm.retry.max-attempts} says), so that tries never
 * multiply.
 */
class MlxLmFleetConnectRetryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String MODEL = TestFleet.MODEL_A;

	private List<MlxLmSimulator> simulators;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulators = IntStream.range(0, 2).mapToObj((i) -> MlxLmSimulator.builder().model(MODEL).start()).toList();
		this.contextRunner = new ApplicationContextRunner().withConfiguration(FleetTestSupport.SPRING_CLOUD)
			.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmFleetAutoConfiguration.class))
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.model=" + MODEL,
					// Both retries asked for three tries: only the fleet's may act.
					"mlxlm.retry.max-attempts=3", "mlxlm.retry.backoff=10ms", "mlxlm.fleet.max-attempts=3",
					"mlxlm.connect-timeout=2s", "mlxlm.fleet.health-check-timeout=10s")
			.withPropertyValues(FleetTestSupport.discovery(this.simulators));
	}

	@AfterEach
	void stop() {
		this.simulators.forEach(MlxLmSimulator::close);
	}

	@Test
	void apiTriesEachCallOnceWithALoadBalancedBaseUrl() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(MlxLmApi.class).connection().maxAttempts()).isEqualTo(1));
	}

	@Test
	void apiKeepsItsRetryWithAPlainBaseUrl() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=" + this.simulators.get(0).baseUrl())
			.run((context) -> assertThat(context.getBean(MlxLmApi.class).connection().maxAttempts()).isEqualTo(3));
	}

	@Test
	void refusedServerIsTriedOnceThenTheNextServerAnswers() {
		this.contextRunner.run((context) -> {
			List<String> names = checkAll(context);
			String key = keyFirstRanking(names, names.get(0));
			this.simulators.get(0).faults().refuseConnections(true);
			MlxLmApi api = context.getBean(MlxLmApi.class);
			StepVerifier.create(api.chat(request(), key)).expectNextCount(1).expectComplete().verify(TIMEOUT);
			MlxLmInFlightRequests inFlight = context.getBean(MlxLmInFlightRequests.class);
			assertThat(inFlight.total(names.get(0))).isEqualTo(1);
			assertThat(inFlight.total(names.get(1))).isEqualTo(1);
			assertThat(TestFleet.chats(this.simulators.get(1))).isEqualTo(1);
		});
	}

	@Test
	void whenEveryServerRefusesEachIsTriedOnceAndTheCallFails() {
		this.contextRunner.run((context) -> {
			List<String> names = checkAll(context);
			this.simulators.forEach((simulator) -> simulator.faults().refuseConnections(true));
			MlxLmApi api = context.getBean(MlxLmApi.class);
			StepVerifier.create(api.chat(request(), "conversation-1"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmException.class)
					.hasMessageStartingWith(
							"Could not connect to MLX-LM server at lb://mlxlm/v1/chat/completions (server ")
					.satisfies((e) -> assertThat(names).anySatisfy((name) -> assertThat(e).hasMessageContaining(name))))
				.verify(TIMEOUT);
			MlxLmInFlightRequests inFlight = context.getBean(MlxLmInFlightRequests.class);
			assertThat(names).allSatisfy((name) -> assertThat(inFlight.total(name)).isEqualTo(1));
		});
	}

	@Test
	void failureOfAStreamAServerWasAnsweringNamesThatServerAndIsNotSentAgain() {
		this.contextRunner.run((context) -> {
			List<String> names = checkAll(context);
			String key = keyFirstRanking(names, names.get(0));
			this.simulators.get(0).faults().resetStreamAfterChunks(1);
			MlxLmApi api = context.getBean(MlxLmApi.class);
			StepVerifier.create(api.chatStream(request(), key))
				.expectNextCount(1)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmException.class)
					.hasMessageContaining("lb://mlxlm/v1/chat/completions (server " + names.get(0) + ")"))
				.verify(TIMEOUT);
			assertThat(context.getBean(MlxLmInFlightRequests.class).total(names.get(0))).isEqualTo(1);
			assertThat(TestFleet.chats(this.simulators.get(1))).isZero();
		});
	}

	@Test
	void answersOfTheFleetNameTheServerThatSentThem() {
		this.contextRunner.run((context) -> {
			List<String> names = checkAll(context);
			MlxLmApi api = context.getBean(MlxLmApi.class);
			String key = keyFirstRanking(names, names.get(1));
			StepVerifier.create(api.chat(request(), key))
				.assertNext((completion) -> assertThat(completion.server()).isEqualTo(names.get(1)))
				.verifyComplete();
			StepVerifier.create(api.chatStream(request(), key).last())
				.assertNext((chunk) -> assertThat(chunk.server()).isEqualTo(names.get(1)))
				.verifyComplete();
		});
	}

	/**
	 * Check every instance once, as the health checks would have done before the fault,
	 * and return their names in the order of the simulators.
	 */
	private List<String> checkAll(ApplicationContext context) {
		MlxLmInstanceStatuses statuses = context.getBean(MlxLmInstanceStatuses.class);
		List<ServiceInstance> instances = context.getBean(DiscoveryClient.class).getInstances("mlxlm");
		assertThat(instances).hasSize(2);
		instances.forEach((instance) -> StepVerifier.create(statuses.status(instance))
			.assertNext((status) -> assertThat(status.up()).as(String.valueOf(status)).isTrue())
			.expectComplete()
			.verify(TIMEOUT));
		return this.simulators.stream().map((simulator) -> simulator.host() + ":" + simulator.port()).toList();
	}

	private static String keyFirstRanking(List<String> names, String wanted) {
		for (int i = 0; i < 1000; i++) {
			String key = "conversation-" + i;
			if (RendezvousHashing.rank(key, names, Function.identity()).get(0).equals(wanted)) {
				return key;
			}
		}
		throw new IllegalStateException("no key ranks " + wanted + " first");
	}

	private static MlxLmApi.ChatRequest request() {
		return new MlxLmApi.ChatRequest(MODEL, List.of(new MlxLmApi.Message("user", "Hi", null, null, null, null)),
				null, null, null, null, null, null, null, null, null, null, Map.of());
	}

}

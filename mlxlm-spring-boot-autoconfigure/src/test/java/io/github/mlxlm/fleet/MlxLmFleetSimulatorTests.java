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

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.mlxlm.api.MlxLmRoutingHint;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet's load balancer and filters on a plain {@code WebClient}, against several
 * simulators on loopback.
 */
class MlxLmFleetSimulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private TestFleet fleet;

	@AfterEach
	void stop() {
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

	@Test
	void everyTurnOfAConversationReachesTheSameServer() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_A);
		WebClient webClient = this.fleet.webClient();
		StepVerifier
			.create(Flux.range(0, 5)
				.concatMap((turn) -> this.fleet.chat(webClient, TestFleet.MODEL_A, "conversation-42")))
			.expectNextCount(5)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.fleet.simulators.stream().map(TestFleet::chats)).containsExactlyInAnyOrder(5L, 0L, 0L);
	}

	@Test
	void requestsForAModelReachOnlyTheServersThatServeIt() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_B);
		WebClient webClient = this.fleet.webClient();
		StepVerifier
			.create(Flux.range(0, 12)
				.concatMap((i) -> this.fleet.chat(webClient, (i % 2 == 0) ? TestFleet.MODEL_A : TestFleet.MODEL_B,
						"conversation-" + i)))
			.expectNextCount(12)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(TestFleet.chats(this.fleet.simulators.get(2))).isEqualTo(6);
		assertThat(TestFleet.chats(this.fleet.simulators.get(0)) + TestFleet.chats(this.fleet.simulators.get(1)))
			.isEqualTo(6);
		assertThat(this.fleet.simulators).allSatisfy((simulator) -> assertThat(simulator.loads()).isEmpty());
	}

	@Test
	void modelDeclaredInMetadataRoutesWhenTheServersListingCannotTell() {
		this.fleet = TestFleet.startDeclared(TestFleet.MODEL_A, TestFleet.MODEL_B, TestFleet.MODEL_A);
		WebClient webClient = this.fleet.webClient();
		StepVerifier
			.create(Flux.range(0, 8)
				.concatMap((i) -> this.fleet.chat(webClient, TestFleet.MODEL_B, "conversation-" + i)))
			.expectNextCount(8)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(TestFleet.chats(this.fleet.simulators.get(1))).isEqualTo(8);
		assertThat(this.fleet.simulators).allSatisfy((simulator) -> assertThat(simulator.loads()).isEmpty());
	}

	@Test
	void refusedConnectionFailsOverWithNoFailedRequest() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_A);
		checkAll();
		MlxLmSimulator stopped = this.fleet.simulators.get(1);
		stopped.faults().refuseConnections(true);
		WebClient webClient = this.fleet.webClient();
		String keyOfStopped = this.fleet.keyFirstRanking(1);
		StepVerifier
			.create(Flux.range(0, 20)
				.concatMap((i) -> this.fleet.chat(webClient, TestFleet.MODEL_A, (i == 0) ? keyOfStopped : "c-" + i)))
			.expectNextCount(20)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(TestFleet.chats(stopped)).isZero();
		assertThat(TestFleet.chats(this.fleet.simulators.get(0)) + TestFleet.chats(this.fleet.simulators.get(2)))
			.isEqualTo(20);
		MlxLmInstanceStatus status = this.fleet.statuses.current(MlxLmInstances.key(this.fleet.instances.get(1)));
		assertThat(status).isNotNull();
		assertThat(status.up()).isFalse();
	}

	@Test
	void refusedConversationGoesToItsSecondChoice() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_A);
		checkAll();
		String key = this.fleet.keyFirstRanking(0);
		ServiceInstance second = RendezvousHashing.rank(key, this.fleet.instances, MlxLmInstances::key).get(1);
		this.fleet.simulators.get(0).faults().refuseConnections(true);
		StepVerifier.create(this.fleet.chat(this.fleet.webClient(), TestFleet.MODEL_A, key))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(TestFleet.chats(this.fleet.simulators.get(this.fleet.indexOf(MlxLmInstances.key(second)))))
			.isEqualTo(1);
	}

	@Test
	void failureAfterTheRequestWasWrittenIsNeverSentAgain() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_A);
		checkAll();
		String key = this.fleet.keyFirstRanking(0);
		this.fleet.simulators.get(0).faults().closeConnectionsOnAccept(true);
		StepVerifier.create(this.fleet.chat(this.fleet.webClient(), TestFleet.MODEL_A, key))
			.expectError()
			.verify(TIMEOUT);
		assertThat(TestFleet.chats(this.fleet.simulators.get(1))).isZero();
		assertThat(TestFleet.chats(this.fleet.simulators.get(2))).isZero();
	}

	@Test
	void unhealthyInstanceIsSkipped() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A, TestFleet.MODEL_A, TestFleet.MODEL_A);
		this.fleet.simulators.get(2).faults().refuseConnections(true);
		String key = this.fleet.keyFirstRanking(2);
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(MlxLmRoutingHint.ATTRIBUTE, new MlxLmRoutingHint(TestFleet.MODEL_A, key));
		RequestData data = new RequestData(HttpMethod.POST, URI.create("lb://mlxlm/v1/chat/completions"),
				new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);
		StepVerifier.create(this.fleet.loadBalancer.choose(new DefaultRequest<>(new RequestDataContext(data))))
			.assertNext((response) -> assertThat(response.getServer()).isIn(this.fleet.instances.subList(0, 2)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamIsCountedInFlightUntilItsBodyCompletes() {
		this.fleet = TestFleet
			.of(List.of(MlxLmSimulator.builder().model(TestFleet.MODEL_A).tokensPerSecond(20).start()));
		String instance = MlxLmInstances.key(this.fleet.instances.get(0));
		StepVerifier.create(stream(this.fleet.webClient(), "conversation-1"))
			.expectNextCount(1)
			.then(() -> assertThat(this.fleet.inFlight.get(instance)).isEqualTo(1))
			.thenConsumeWhile((chunk) -> true)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.fleet.inFlight.get(instance)).isZero();
	}

	@Test
	void cancelledStreamIsNoLongerCountedInFlight() {
		this.fleet = TestFleet
			.of(List.of(MlxLmSimulator.builder().model(TestFleet.MODEL_A).tokensPerSecond(5).start()));
		String instance = MlxLmInstances.key(this.fleet.instances.get(0));
		StepVerifier.create(stream(this.fleet.webClient(), "conversation-1"))
			.expectNextCount(1)
			.then(() -> assertThat(this.fleet.inFlight.get(instance)).isEqualTo(1))
			.thenCancel()
			.verify(TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.fleet.inFlight.get(instance)).isZero());
	}

	@Test
	void concurrentRequestsAreCountedUntilEachEnds() {
		this.fleet = TestFleet
			.of(List.of(MlxLmSimulator.builder().model(TestFleet.MODEL_A).tokensPerSecond(20).start()));
		String instance = MlxLmInstances.key(this.fleet.instances.get(0));
		WebClient webClient = this.fleet.webClient();
		AtomicInteger highest = new AtomicInteger();
		StepVerifier
			.create(Flux.range(0, 3)
				.flatMap((i) -> stream(webClient, "c-" + i))
				.doOnNext((chunk) -> highest.accumulateAndGet(this.fleet.inFlight.get(instance), Math::max)))
			.thenConsumeWhile((chunk) -> true)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(highest.get()).isBetween(1, 3);
		assertThat(this.fleet.inFlight.get(instance)).isZero();
	}

	@Test
	void refusedConnectionIsNoLongerCountedInFlight() {
		this.fleet = TestFleet.start(TestFleet.MODEL_A);
		checkAll();
		this.fleet.simulators.get(0).faults().refuseConnections(true);
		StepVerifier.create(this.fleet.chat(this.fleet.webClient(), TestFleet.MODEL_A, "c"))
			.expectError()
			.verify(TIMEOUT);
		assertThat(this.fleet.inFlight.get(MlxLmInstances.key(this.fleet.instances.get(0)))).isZero();
	}

	private Flux<String> stream(WebClient webClient, String key) {
		String body = "{\"model\": \"" + TestFleet.MODEL_A
				+ "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"stream\": true}";
		return webClient.post()
			.uri("/chat/completions")
			.attribute(MlxLmRoutingHint.ATTRIBUTE, new MlxLmRoutingHint(TestFleet.MODEL_A, key))
			.header("Content-Type", "application/json")
			.bodyValue(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.retrieve()
			.bodyToFlux(String.class);
	}

	private void checkAll() {
		IntStream.range(0, this.fleet.instances.size())
			.forEach((i) -> StepVerifier.create(this.fleet.statuses.status(this.fleet.instances.get(i)))
				.assertNext((status) -> assertThat(status.up()).isTrue())
				.expectComplete()
				.verify(TIMEOUT));
	}

}

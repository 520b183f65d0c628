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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.github.mlxlm.api.MlxLmRoutingHint;
import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing policy's choices, without a network.
 */
class MlxLmRoutingPolicyTests {

	private static final String A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	private static final String B = "mlx-community/gemma-3-1b-it-4bit";

	private final MlxLmInFlightRequests inFlight = new MlxLmInFlightRequests();

	private final Map<String, String> detected = new HashMap<>();

	private final MlxLmRoutingPolicy policy = new MlxLmRoutingPolicy(this.inFlight, this.detected::get);

	@Test
	void requestForAModelNeverGoesToAnInstanceServingAnotherWhileOneServingItIsUp() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, B));
		busy(fleet.get(0), 50);
		busy(fleet.get(1), 50);
		IntStream.range(0, 200).forEach((i) -> {
			assertThat(first(fleet, new MlxLmRoutingHint(A, "conversation-" + i))).isNotEqualTo(fleet.get(2));
			assertThat(first(fleet, new MlxLmRoutingHint(B, "conversation-" + i))).isEqualTo(fleet.get(2));
		});
		assertThat(first(fleet, new MlxLmRoutingHint(A, null))).isNotEqualTo(fleet.get(2));
	}

	@Test
	void modelDetectedByTheCheckCountsLikeDeclaredMetadata() {
		List<ServiceInstance> fleet = List.of(instance(1, null), instance(2, null));
		this.detected.put(MlxLmInstances.key(fleet.get(0)), B);
		this.detected.put(MlxLmInstances.key(fleet.get(1)), A);
		IntStream.range(0, 50)
			.forEach((i) -> assertThat(first(fleet, new MlxLmRoutingHint(A, "conversation-" + i)))
				.isEqualTo(fleet.get(1)));
	}

	@Test
	void declaredModelWinsOverTheDetectedOne() {
		ServiceInstance declared = instance(1, A);
		this.detected.put(MlxLmInstances.key(declared), B);
		assertThat(this.policy.modelOf(declared)).isEqualTo(A);
	}

	@Test
	void requestForTheDefaultModelMayGoToAnyInstance() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, B));
		Set<ServiceInstance> chosen = new java.util.HashSet<>();
		IntStream.range(0, 200)
			.forEach((i) -> chosen.add(first(fleet, new MlxLmRoutingHint(MlxLmClient.DEFAULT_MODEL, "c-" + i))));
		assertThat(chosen).containsExactlyInAnyOrderElementsOf(fleet);
	}

	@Test
	void instanceOfUnknownModelIsPreferredToOneServingAnother() {
		List<ServiceInstance> fleet = List.of(instance(1, B), instance(2, null));
		IntStream.range(0, 50)
			.forEach((i) -> assertThat(first(fleet, new MlxLmRoutingHint(A, "c-" + i))).isEqualTo(fleet.get(1)));
	}

	@Test
	void instanceServingAnotherModelIsUsedWhenNoneServesIt() {
		List<ServiceInstance> fleet = List.of(instance(1, B));
		assertThat(first(fleet, new MlxLmRoutingHint(A, "c"))).isEqualTo(fleet.get(0));
	}

	@Test
	void everyTurnOfAConversationGoesToTheSameInstance() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A), instance(4, A));
		ServiceInstance first = first(fleet, new MlxLmRoutingHint(A, "conversation-7"));
		IntStream.range(0, 20)
			.forEach((i) -> assertThat(first(fleet, new MlxLmRoutingHint(A, "conversation-7"))).isEqualTo(first));
	}

	@Test
	void affinityInstanceKeepsItsConversationUpToTwiceTheLeastLoadedPlusTwo() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A));
		MlxLmRoutingHint hint = new MlxLmRoutingHint(A, "conversation-1");
		List<ServiceInstance> ranked = this.policy.rank(fleet, hint, Set.of());
		busy(ranked.get(0), 4);
		busy(ranked.get(1), 1);
		busy(ranked.get(2), 1);
		assertThat(first(fleet, hint)).isEqualTo(ranked.get(0));
	}

	@Test
	void affinityInstanceGivesWayToTheNextInHashOrderWhenClearlyBusier() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A));
		MlxLmRoutingHint hint = new MlxLmRoutingHint(A, "conversation-1");
		List<ServiceInstance> ranked = this.policy.rank(fleet, hint, Set.of());
		busy(ranked.get(0), 5);
		busy(ranked.get(1), 1);
		busy(ranked.get(2), 1);
		List<ServiceInstance> guarded = this.policy.rank(fleet, hint, Set.of());
		assertThat(guarded).containsExactly(ranked.get(1), ranked.get(0), ranked.get(2));
	}

	@Test
	void requestWithoutAKeyGoesToTheLeastLoaded() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A));
		busy(fleet.get(0), 3);
		busy(fleet.get(1), 1);
		busy(fleet.get(2), 2);
		IntStream.range(0, 10)
			.forEach((i) -> assertThat(first(fleet, new MlxLmRoutingHint(A, null))).isEqualTo(fleet.get(1)));
	}

	@Test
	void leastRequestsSendsAConversationToTheLeastLoadedServingItsModel() {
		MlxLmRoutingPolicy leastRequests = new MlxLmRoutingPolicy(this.inFlight, this.detected::get, false);
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, B));
		MlxLmRoutingHint hint = new MlxLmRoutingHint(A, "conversation-1");
		ServiceInstance held = this.policy.rank(fleet, hint, Set.of()).get(0);
		ServiceInstance other = (held == fleet.get(0)) ? fleet.get(1) : fleet.get(0);
		busy(held, 1);
		assertThat(this.policy.rank(fleet, hint, Set.of()).get(0)).isEqualTo(held);
		assertThat(leastRequests.rank(fleet, hint, Set.of())).containsExactly(other, held);
	}

	@Test
	void requestsWithoutAKeySpreadOverAnIdleFleet() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A));
		Set<ServiceInstance> chosen = new java.util.HashSet<>();
		IntStream.range(0, 3).forEach((i) -> chosen.add(first(fleet, null)));
		assertThat(chosen).containsExactlyInAnyOrderElementsOf(fleet);
	}

	@Test
	void excludedInstanceIsReplacedByTheNextInHashOrder() {
		List<ServiceInstance> fleet = List.of(instance(1, A), instance(2, A), instance(3, A), instance(4, A));
		MlxLmRoutingHint hint = new MlxLmRoutingHint(A, "conversation-3");
		List<ServiceInstance> ranked = this.policy.rank(fleet, hint, Set.of());
		assertThat(this.policy.rank(fleet, hint, Set.of(MlxLmInstances.key(ranked.get(0)))))
			.containsExactlyElementsOf(ranked.subList(1, 4));
	}

	private ServiceInstance first(List<ServiceInstance> fleet, @Nullable MlxLmRoutingHint hint) {
		return this.policy.rank(fleet, hint, Set.of()).get(0);
	}

	private void busy(ServiceInstance instance, int requests) {
		IntStream.range(0, requests).forEach((i) -> this.inFlight.started(MlxLmInstances.key(instance)));
	}

	private static ServiceInstance instance(int n, @Nullable String model) {
		return new DefaultServiceInstance("mlx-" + n, "mlxlm", "10.0.0." + n, 8080, false,
				(model != null) ? Map.of(MlxLmRoutingPolicy.MODEL_METADATA_KEY, model) : Map.of());
	}

}

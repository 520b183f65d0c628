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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmFleetHealthContributor}.
 */
class MlxLmFleetHealthContributorTests {

	@Test
	void aCheckAsksDiscoveryOffTheCallersThreadAndForgetsServersThatLeft() {
		try (MlxLmSimulator a = MlxLmSimulator.builder().model("m").start();
				MlxLmSimulator b = MlxLmSimulator.builder().model("m").start()) {
			List<String> threads = new CopyOnWriteArrayList<>();
			List<List<MlxLmFleetHealthContributor.Member>> listings = List.of(List.of(member(a), member(b)),
					List.of(member(b)));
			Supplier<List<MlxLmFleetHealthContributor.Member>> discovery = () -> {
				threads.add(Thread.currentThread().getName());
				return listings.get(Math.min(threads.size() - 1, 1));
			};
			MlxLmFleetHealthContributor contributor = new MlxLmFleetHealthContributor(discovery, "m",
					(client) -> new MlxLmHealthIndicator(client, Duration.ofSeconds(2)));
			ReactiveHealthIndicator component = (ReactiveHealthIndicator) contributor.getContributor(name(b));
			// The first listing (to name the components) happens here; the check's is off
			// this thread, and sees that a left.
			assertThat(component.health().block(Duration.ofSeconds(10)).getStatus().getCode()).isEqualTo("UP");
			assertThat(threads).hasSize(2);
			assertThat(threads.get(1)).startsWith("boundedElastic");
			assertThat(contributor.servers()).containsExactly(name(b));
		}
	}

	private static MlxLmFleetHealthContributor.Member member(MlxLmSimulator simulator) {
		return new MlxLmFleetHealthContributor.Member(name(simulator),
				MlxLmClient.builder().baseUrl(simulator.baseUrl()).build(), null);
	}

	private static String name(MlxLmSimulator simulator) {
		return "127.0.0.1:" + simulator.port();
	}

}

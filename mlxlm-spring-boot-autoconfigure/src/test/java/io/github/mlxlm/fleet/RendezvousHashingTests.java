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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendezvous hashing keeps conversations where they are.
 */
class RendezvousHashingTests {

	private static final List<String> FOUR = List.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080",
			"10.0.0.4:8080");

	private static final List<String> KEYS = IntStream.range(0, 4000).mapToObj((i) -> "conversation-" + i).toList();

	@Test
	void removingOneOfFourInstancesMovesOnlyItsKeys() {
		Map<String, String> before = firstChoices(FOUR);
		String removed = FOUR.get(2);
		Map<String, String> after = firstChoices(FOUR.stream().filter((name) -> !name.equals(removed)).toList());
		Map<String, String> moved = new HashMap<>();
		before.forEach((key, instance) -> {
			if (!instance.equals(after.get(key))) {
				moved.put(key, instance);
			}
		});
		assertThat(moved).isNotEmpty();
		assertThat(moved.values()).containsOnly(removed);
		assertThat(moved).hasSameSizeAs(before.values().stream().filter(removed::equals).toList());
	}

	@Test
	void removedInstancesKeysGoToTheirSecondChoice() {
		String removed = FOUR.get(0);
		List<String> rest = FOUR.subList(1, 4);
		for (String key : KEYS) {
			List<String> ranked = RendezvousHashing.rank(key, FOUR, Function.identity());
			if (ranked.get(0).equals(removed)) {
				assertThat(RendezvousHashing.rank(key, rest, Function.identity()).get(0)).isEqualTo(ranked.get(1));
			}
		}
	}

	@Test
	void keysSpreadOverEveryInstance() {
		Map<String, Long> perInstance = firstChoices(FOUR).values()
			.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(perInstance).hasSize(4);
		assertThat(perInstance.values()).allSatisfy((count) -> assertThat(count).isBetween(800L, 1200L));
	}

	private static Map<String, String> firstChoices(List<String> instances) {
		return KEYS.stream()
			.collect(Collectors.toMap(Function.identity(),
					(key) -> RendezvousHashing.rank(key, instances, Function.identity()).get(0)));
	}

}

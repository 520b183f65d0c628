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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Rendezvous (highest random weight) hashing: each key ranks every instance by a hash of
 * the key and the instance's name, and prefers the highest.
 * <p>
 * Chosen over a hash ring because it needs no state and because losing one instance moves
 * only the keys that ranked it first: every other key keeps its instance, so its
 * conversation keeps its prompt cache. The ranking also gives the order in which to fall
 * back.
 *
 * @author mlxlm developers
 */
final class RendezvousHashing {

	private RendezvousHashing() {
	}

	/**
	 * Rank instances for a key, highest weight first.
	 * @param <T> the instance type
	 * @param key the affinity key
	 * @param instances the instances
	 * @param name the name of an instance
	 * @return a new list, best instance first
	 */
	static <T> List<T> rank(String key, List<T> instances, Function<T, String> name) {
		List<T> ranked = new ArrayList<>(instances);
		// Ties (practically impossible with 64 bits) are broken by name so that the
		// order is total.
		ranked.sort(Comparator.<T>comparingLong((instance) -> weight(key, name.apply(instance)))
			.reversed()
			.thenComparing(name));
		return ranked;
	}

	/**
	 * Return the weight of an instance for a key: a 64-bit hash of both, unsigned order.
	 * @param key the affinity key
	 * @param name the instance's name
	 * @return the weight, compared as a signed long after flipping the sign bit
	 */
	static long weight(String key, String name) {
		long hash = 0xcbf29ce484222325L;
		hash = fnv(hash, key.getBytes(StandardCharsets.UTF_8));
		hash = fnv(hash, new byte[] { 0 });
		hash = fnv(hash, name.getBytes(StandardCharsets.UTF_8));
		// FNV-1a spreads poorly over similar inputs (host:port strings differ in few
		// bytes): MurmurHash3's finalizer mixes every bit.
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash ^ Long.MIN_VALUE;
	}

	private static long fnv(long hash, byte[] bytes) {
		for (byte b : bytes) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

}

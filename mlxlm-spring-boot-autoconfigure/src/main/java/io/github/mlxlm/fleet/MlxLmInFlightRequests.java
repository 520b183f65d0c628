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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.util.Assert;

/**
 * Requests in flight per instance, from the moment a connection is asked for until the
 * whole response (a streamed body included) has completed, failed or been cancelled; and
 * how many requests each instance was sent in all.
 * <p>
 * The routing policy reads it to send requests without a conversation to the least loaded
 * instance, and to let a busy conversation's instance give way. A server's queue is
 * unbounded and it never answers 429 or 503, so this count is the only measure of its
 * load.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmInFlightRequests {

	private final Map<String, Counts> counts = new ConcurrentHashMap<>();

	private final List<Consumer<String>> firstSeenListeners = new CopyOnWriteArrayList<>();

	/**
	 * Count a request that starts.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 */
	public void started(String instance) {
		Counts counts = this.counts.get(instance);
		if (counts == null) {
			Counts created = new Counts();
			counts = this.counts.putIfAbsent(instance, created);
			if (counts == null) {
				counts = created;
				this.firstSeenListeners.forEach((listener) -> listener.accept(instance));
			}
		}
		counts.inFlight.incrementAndGet();
		counts.total.incrementAndGet();
	}

	/**
	 * Count a request that ended, in any way.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 */
	public void ended(String instance) {
		Counts counts = this.counts.get(instance);
		if (counts != null) {
			counts.inFlight.updateAndGet((value) -> Math.max(0, value - 1));
		}
	}

	/**
	 * Return how many requests to an instance are in flight.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @return the count, 0 for an instance never used
	 */
	public int get(String instance) {
		Counts counts = this.counts.get(instance);
		return (counts != null) ? counts.inFlight.get() : 0;
	}

	/**
	 * Return how many requests an instance was sent since start-up (tries that could not
	 * connect included).
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @return the count, 0 for an instance never used
	 */
	public long total(String instance) {
		Counts counts = this.counts.get(instance);
		return (counts != null) ? counts.total.get() : 0;
	}

	/**
	 * Return the instances that were sent a request.
	 * @return their names
	 */
	public Set<String> instances() {
		return Set.copyOf(this.counts.keySet());
	}

	/**
	 * Call back when an instance is sent its first request, such as to register meters
	 * for it.
	 * @param listener receives the instance's name
	 */
	public void whenFirstSeen(Consumer<String> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.firstSeenListeners.add(listener);
	}

	private static final class Counts {

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicLong total = new AtomicLong();

	}

}

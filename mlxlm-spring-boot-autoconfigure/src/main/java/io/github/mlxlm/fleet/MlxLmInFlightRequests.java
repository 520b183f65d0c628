package io.github.mlxlm.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight per instance, from the moment a connection is asked for until the whole
 * response (a streamed body included) has completed, failed or been cancelled.
 * <p>
 * The routing policy reads it to send requests without a conversation to the least loaded
 * instance, and to let a busy conversation's instance give way. A server's queue is unbounded
 * and it never answers 429 or 503, so this count is the only measure of its load.
 *
 * @author mlxlm developers
 */
public class MlxLmInFlightRequests {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/**
	 * Count a request that starts.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 */
	public void started(String instance) {
		this.counts.computeIfAbsent(instance, (key) -> new AtomicInteger()).incrementAndGet();
	}

	/**
	 * Count a request that ended, in any way.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 */
	public void ended(String instance) {
		AtomicInteger count = this.counts.get(instance);
		if (count != null) {
			count.updateAndGet((value) -> Math.max(0, value - 1));
		}
	}

	/**
	 * Return how many requests to an instance are in flight.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @return the count, 0 for an instance never used
	 */
	public int get(String instance) {
		AtomicInteger count = this.counts.get(instance);
		return (count != null) ? count.get() : 0;
	}

}

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.Assert;

/**
 * The last known status of every instance, checked with the server's {@code /health} and
 * {@code /v1/models} and reused for an interval.
 * <p>
 * A status older than the interval is still answered at once while a new check runs in
 * the background, so that no request waits for a check, except the first one for an
 * instance never seen (it waits at most the check's timeout). An instance that refused a
 * connection is marked down at once, and checked again after the interval.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmInstanceStatuses {

	private static final Log logger = LogFactory.getLog(MlxLmInstanceStatuses.class);

	private final MlxLmFleetClients clients;

	private final long intervalNanos;

	private final Duration timeout;

	private final LongSupplier nanoTime;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param clients the client of each instance
	 * @param interval how long a status is reused before the instance is checked again
	 * @param timeout the longest one check may take
	 */
	public MlxLmInstanceStatuses(MlxLmFleetClients clients, Duration interval, Duration timeout) {
		this(clients, interval, timeout, System::nanoTime);
	}

	MlxLmInstanceStatuses(MlxLmFleetClients clients, Duration interval, Duration timeout, LongSupplier nanoTime) {
		Assert.notNull(clients, "'clients' must not be null");
		Assert.isTrue(interval != null && !interval.isNegative(), "'interval' must not be negative");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.clients = clients;
		this.intervalNanos = interval.toNanos();
		this.timeout = timeout;
		this.nanoTime = nanoTime;
	}

	/**
	 * Return the status of an instance: the last one known (checking again in the
	 * background when it is older than the interval), or, for an instance never checked,
	 * the result of a check.
	 * @param instance the instance
	 * @return its status; never an error
	 */
	public Mono<MlxLmInstanceStatus> status(ServiceInstance instance) {
		Entry entry = this.entries.computeIfAbsent(MlxLmInstances.key(instance), (key) -> new Entry());
		MlxLmInstanceStatus known = entry.status.get();
		if (known == null) {
			return entry.check(instance);
		}
		if (this.nanoTime.getAsLong() - known.checkedAt() >= this.intervalNanos) {
			entry.check(instance).subscribe();
		}
		return Mono.just(known);
	}

	/**
	 * Return the last known status of an instance, without checking.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @return its status, or {@code null} when it was never checked
	 */
	public @Nullable MlxLmInstanceStatus current(String instance) {
		Entry entry = this.entries.get(instance);
		return (entry != null) ? entry.status.get() : null;
	}

	/**
	 * Return the model the last check of an instance found it serving.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @return the model id, or {@code null} when unknown, a guess, or never checked
	 */
	public @Nullable String model(String instance) {
		MlxLmInstanceStatus status = current(instance);
		return (status != null) ? status.model() : null;
	}

	/**
	 * Mark an instance down until its next check, because a connection to it failed.
	 * @param instance the instance's {@link MlxLmInstances#key name}
	 * @param reason why, for health and logs
	 */
	public void markUnreachable(String instance, String reason) {
		logger.warn("MLX-LM instance " + instance + " is skipped until its next check: " + reason);
		this.entries.computeIfAbsent(instance, (key) -> new Entry()).status
			.set(MlxLmInstanceStatus.down(reason, this.nanoTime.getAsLong()));
	}

	private final class Entry {

		private final AtomicReference<@Nullable MlxLmInstanceStatus> status = new AtomicReference<>();

		private final AtomicReference<@Nullable Mono<MlxLmInstanceStatus>> running = new AtomicReference<>();

		/*
		 * Check the instance, or join the check already running.
		 */
		Mono<MlxLmInstanceStatus> check(ServiceInstance instance) {
			Mono<MlxLmInstanceStatus> current = this.running.get();
			if (current != null) {
				return current;
			}
			Mono<MlxLmInstanceStatus> check = MlxLmInstanceStatuses.this.clients.client(instance)
				.status(MlxLmInstanceStatuses.this.timeout)
				.map((status) -> MlxLmInstanceStatus.of(status, MlxLmInstanceStatuses.this.nanoTime.getAsLong()))
				.doOnNext(this.status::set)
				.doFinally((signal) -> this.running.set(null))
				.cache();
			if (this.running.compareAndSet(null, check)) {
				return check;
			}
			Mono<MlxLmInstanceStatus> other = this.running.get();
			return (other != null) ? other : check;
		}

	}

}

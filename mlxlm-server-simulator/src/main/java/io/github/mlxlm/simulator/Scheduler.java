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

package io.github.mlxlm.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Who may generate now: the server's generation thread, reduced to what a client or a
 * load balancer can observe. Requests take a slot in arrival order; with
 * {@code --decode-concurrency} set, at most that many generate at once and share the
 * token rate, the rest wait in a queue and receive nothing (no status line, no keep-alive
 * comment) until their turn. A request that must swap the model, or that the server
 * cannot batch (one with a {@code seed}), waits until the running generations have
 * drained, and the queue behind it waits too, as the server stops taking requests while
 * it drains its batch.
 * <p>
 * With no limit (the default) nothing waits, so tests that never asked for queueing keep
 * their timing; only the counters run.
 *
 * @author mlxlm developers
 */
final class Scheduler {

	private final Object lock = new Object();

	private final int decodeLimit;

	private final int prefillLimit;

	private final Deque<Object> queue = new ArrayDeque<>();

	private int active;

	private boolean exclusiveRunning;

	private int peak;

	private int prefilling;

	private boolean closed;

	/*
	 * @param decodeLimit the most generations at once; 0 for no limit
	 *
	 * @param prefillLimit the most prompts processed at once; 0 for no limit
	 */
	Scheduler(int decodeLimit, int prefillLimit) {
		this.decodeLimit = decodeLimit;
		this.prefillLimit = prefillLimit;
	}

	/**
	 * Waits for a generation slot.
	 * @param needsDrain whether the request must wait until nothing else generates
	 * (checked while waiting, as the resident model may change meanwhile)
	 * @param exclusive whether nothing else may generate while this one does
	 * @return the slot, or {@code null} when the simulator closed meanwhile
	 */
	@Nullable Slot acquire(BooleanSupplier needsDrain, boolean exclusive) throws InterruptedException {
		Object ticket = new Object();
		synchronized (this.lock) {
			if (this.decodeLimit > 0) {
				this.queue.addLast(ticket);
				try {
					while (!this.closed && !(this.queue.peekFirst() == ticket && this.active < this.decodeLimit
							&& !this.exclusiveRunning
							&& (this.active == 0 || !(exclusive || needsDrain.getAsBoolean())))) {
						this.lock.wait();
					}
				}
				finally {
					this.queue.remove(ticket);
					this.lock.notifyAll();
				}
				if (this.closed) {
					return null;
				}
				this.exclusiveRunning = exclusive;
			}
			this.active++;
			this.peak = Math.max(this.peak, this.active);
		}
		boolean[] released = new boolean[1];
		return () -> {
			synchronized (this.lock) {
				if (!released[0]) {
					released[0] = true;
					this.active--;
					if (exclusive) {
						this.exclusiveRunning = false;
					}
					this.lock.notifyAll();
				}
			}
		};
	}

	/**
	 * Waits for a prompt-processing slot ({@code --prompt-concurrency}).
	 * @return the slot, or {@code null} when the simulator closed meanwhile
	 */
	@Nullable Slot acquirePrefill() throws InterruptedException {
		synchronized (this.lock) {
			while (!this.closed && this.prefillLimit > 0 && this.prefilling >= this.prefillLimit) {
				this.lock.wait();
			}
			if (this.closed) {
				return null;
			}
			this.prefilling++;
		}
		boolean[] released = new boolean[1];
		return () -> {
			synchronized (this.lock) {
				if (!released[0]) {
					released[0] = true;
					this.prefilling--;
					this.lock.notifyAll();
				}
			}
		};
	}

	/*
	 * How many generations share the token rate now: the configured rate is the server's,
	 * split among them, when a decode limit is set; otherwise each generation runs at the
	 * full rate.
	 */
	int decodeShare() {
		synchronized (this.lock) {
			return (this.decodeLimit > 0) ? Math.max(1, this.active) : 1;
		}
	}

	boolean sharesDecodeRate() {
		return this.decodeLimit > 0;
	}

	/* Likewise for prompt processing and {@code --prompt-concurrency}. */
	int prefillShare() {
		synchronized (this.lock) {
			return (this.prefillLimit > 0) ? Math.max(1, this.prefilling) : 1;
		}
	}

	int active() {
		synchronized (this.lock) {
			return this.active;
		}
	}

	int queued() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	int peak() {
		synchronized (this.lock) {
			return this.peak;
		}
	}

	void resetPeak() {
		synchronized (this.lock) {
			this.peak = this.active;
		}
	}

	/**
	 * Lets waiting requests look again, e.g. after the resident model changed outside a
	 * slot.
	 */
	void wakeUp() {
		synchronized (this.lock) {
			this.lock.notifyAll();
		}
	}

	void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.lock.notifyAll();
		}
	}

	/* A taken slot; closing it frees the slot. */
	interface Slot extends AutoCloseable {

		@Override
		void close();

	}

}

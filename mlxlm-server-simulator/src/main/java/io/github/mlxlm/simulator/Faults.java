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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Faults on demand, switchable at any time between requests. Every setter returns
 * {@code this}. Hanging requests wait until their fault is switched off (then they go on
 * normally) or the simulator closes (then the connection closes with no reply), so tests
 * never leak threads.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class Faults {

	private final Object lock = new Object();

	private final Duration baseLoadDelay;

	private final Runnable listenerChanged;

	private volatile boolean refuse;

	private volatile boolean closeOnAccept;

	private volatile boolean hang;

	private volatile boolean reset;

	private volatile boolean deadGeneration;

	private volatile int stopAfterChunks = -1;

	private volatile boolean stopBeforeDone;

	private volatile int resetAfterChunks = -1;

	private volatile int truncateAfterChunks = -1;

	private volatile Duration loadDelay;

	private final Map<String, String> failingLoads = new LinkedHashMap<>();

	private boolean closed;

	Faults(Duration baseLoadDelay, Runnable listenerChanged) {
		this.baseLoadDelay = baseLoadDelay;
		this.loadDelay = baseLoadDelay;
		this.listenerChanged = listenerChanged;
	}

	/**
	 * Stops listening (clients get "connection refused"), or listens again on the same
	 * port.
	 * @param on whether to refuse
	 * @return this
	 */
	public Faults refuseConnections(boolean on) {
		this.refuse = on;
		this.listenerChanged.run();
		return this;
	}

	/**
	 * Accepts connections and closes them at once without reading or writing a byte.
	 * @param on whether to do so
	 * @return this
	 */
	public Faults closeConnectionsOnAccept(boolean on) {
		this.closeOnAccept = on;
		return this;
	}

	/**
	 * Reads each request, then sends nothing until switched off (the request then
	 * proceeds).
	 * @param on whether to hang
	 * @return this
	 */
	public Faults hangBeforeStatusLine(boolean on) {
		this.hang = on;
		release();
		return this;
	}

	/**
	 * Closes each SSE stream after this many {@code data:} events (keep-alive comments do
	 * not count), without {@code [DONE]}.
	 * @param chunks the number of events to send; negative switches the fault off
	 * @return this
	 */
	public Faults stopStreamAfterChunks(int chunks) {
		this.stopAfterChunks = chunks;
		return this;
	}

	/**
	 * Sends each SSE stream whole, the chunk with {@code finish_reason} and the usage
	 * chunk included, then closes the connection without {@code data: [DONE]}: a server
	 * that died in the last instant. A client must still report the answer as cut, since
	 * only {@code [DONE]} says the stream is complete.
	 * @param on whether to withhold {@code [DONE]}
	 * @return this
	 */
	public Faults stopStreamBeforeDone(boolean on) {
		this.stopBeforeDone = on;
		return this;
	}

	/**
	 * Resets each SSE stream (TCP RST, no FIN) after this many {@code data:} events: a
	 * crashed process or a proxy that gave up, which clients see as "connection reset"
	 * rather than EOF.
	 * @param chunks the number of events to send; negative switches the fault off
	 * @return this
	 */
	public Faults resetStreamAfterChunks(int chunks) {
		this.resetAfterChunks = chunks;
		return this;
	}

	/**
	 * Sends this many whole {@code data:} events of each SSE stream, then the first half
	 * of the next event (its JSON cut mid-way, no blank line), then closes the
	 * connection: a parser must not hand the fragment on as an event.
	 * @param chunks the number of whole events before the cut one; negative switches the
	 * fault off
	 * @return this
	 */
	public Faults truncateStreamAfterChunks(int chunks) {
		this.truncateAfterChunks = chunks;
		return this;
	}

	/**
	 * Reads each request and answers with a TCP reset (RST) instead of a reply.
	 * @param on whether to reset
	 * @return this
	 */
	public Faults resetConnections(boolean on) {
		this.reset = on;
		return this;
	}

	/**
	 * Simulates the server whose generation thread died (e.g. the start-up model load
	 * failed): completions hang forever, {@code /health} still says ok.
	 * @param on whether the thread is dead
	 * @return this
	 */
	public Faults deadGenerationThread(boolean on) {
		this.deadGeneration = on;
		release();
		return this;
	}

	/**
	 * Sets how long loading a model (a swap) takes.
	 * @param delay the load time
	 * @return this
	 */
	public Faults modelLoadDelay(Duration delay) {
		this.loadDelay = delay;
		return this;
	}

	/**
	 * Makes loading this model fail: the request gets 404 {@code {"error": errorText}}
	 * and the resident model is unloaded.
	 * @param modelId the model id as requested
	 * @param errorText the exception text
	 * @return this
	 */
	public Faults failModelLoad(String modelId, String errorText) {
		synchronized (this.lock) {
			this.failingLoads.put(modelId, errorText);
		}
		return this;
	}

	/* Switches every fault off and restores the configured load delay. */
	public void clear() {
		synchronized (this.lock) {
			this.failingLoads.clear();
		}
		this.closeOnAccept = false;
		this.hang = false;
		this.reset = false;
		this.deadGeneration = false;
		this.stopAfterChunks = -1;
		this.stopBeforeDone = false;
		this.resetAfterChunks = -1;
		this.truncateAfterChunks = -1;
		this.loadDelay = this.baseLoadDelay;
		release();
		if (this.refuse) {
			refuseConnections(false);
		}
	}

	boolean refusing() {
		return this.refuse;
	}

	boolean closingOnAccept() {
		return this.closeOnAccept;
	}

	boolean resetting() {
		return this.reset;
	}

	int stopAfterChunks() {
		return this.stopAfterChunks;
	}

	boolean stopBeforeDone() {
		return this.stopBeforeDone;
	}

	int resetAfterChunks() {
		return this.resetAfterChunks;
	}

	int truncateAfterChunks() {
		return this.truncateAfterChunks;
	}

	Duration modelLoadDelay() {
		return this.loadDelay;
	}

	@Nullable String modelLoadFailure(String modelId) {
		synchronized (this.lock) {
			return this.failingLoads.get(modelId);
		}
	}

	/*
	 * Waits while the request should hang; returns false when the simulator closed
	 * meanwhile.
	 */
	boolean awaitHang() throws InterruptedException {
		return await(() -> this.hang);
	}

	boolean awaitGeneration() throws InterruptedException {
		return await(() -> this.deadGeneration);
	}

	private boolean await(BooleanSupplier faulty) throws InterruptedException {
		synchronized (this.lock) {
			while (faulty.getAsBoolean() && !this.closed) {
				this.lock.wait();
			}
			return !this.closed;
		}
	}

	private void release() {
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

}

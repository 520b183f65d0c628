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
		refuse = on;
		listenerChanged.run();
		return this;
	}

	/**
	 * Accepts connections and closes them at once without reading or writing a byte.
	 * @param on whether to do so
	 * @return this
	 */
	public Faults closeConnectionsOnAccept(boolean on) {
		closeOnAccept = on;
		return this;
	}

	/**
	 * Reads each request, then sends nothing until switched off (the request then
	 * proceeds).
	 * @param on whether to hang
	 * @return this
	 */
	public Faults hangBeforeStatusLine(boolean on) {
		hang = on;
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
		stopAfterChunks = chunks;
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
		stopBeforeDone = on;
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
		resetAfterChunks = chunks;
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
		truncateAfterChunks = chunks;
		return this;
	}

	/**
	 * Reads each request and answers with a TCP reset (RST) instead of a reply.
	 * @param on whether to reset
	 * @return this
	 */
	public Faults resetConnections(boolean on) {
		reset = on;
		return this;
	}

	/**
	 * Simulates the server whose generation thread died (e.g. the start-up model load
	 * failed): completions hang forever, {@code /health} still says ok.
	 * @param on whether the thread is dead
	 * @return this
	 */
	public Faults deadGenerationThread(boolean on) {
		deadGeneration = on;
		release();
		return this;
	}

	/**
	 * Sets how long loading a model (a swap) takes.
	 * @param delay the load time
	 * @return this
	 */
	public Faults modelLoadDelay(Duration delay) {
		loadDelay = delay;
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
		synchronized (lock) {
			failingLoads.put(modelId, errorText);
		}
		return this;
	}

	/** Switches every fault off and restores the configured load delay. */
	public void clear() {
		synchronized (lock) {
			failingLoads.clear();
		}
		closeOnAccept = false;
		hang = false;
		reset = false;
		deadGeneration = false;
		stopAfterChunks = -1;
		stopBeforeDone = false;
		resetAfterChunks = -1;
		truncateAfterChunks = -1;
		loadDelay = baseLoadDelay;
		release();
		if (refuse) {
			refuseConnections(false);
		}
	}

	boolean refusing() {
		return refuse;
	}

	boolean closingOnAccept() {
		return closeOnAccept;
	}

	boolean resetting() {
		return reset;
	}

	int stopAfterChunks() {
		return stopAfterChunks;
	}

	boolean stopBeforeDone() {
		return stopBeforeDone;
	}

	int resetAfterChunks() {
		return resetAfterChunks;
	}

	int truncateAfterChunks() {
		return truncateAfterChunks;
	}

	Duration modelLoadDelay() {
		return loadDelay;
	}

	@Nullable String modelLoadFailure(String modelId) {
		synchronized (lock) {
			return failingLoads.get(modelId);
		}
	}

	/**
	 * Waits while the request should hang; returns false when the simulator closed
	 * meanwhile.
	 */
	boolean awaitHang() throws InterruptedException {
		return await(() -> hang);
	}

	boolean awaitGeneration() throws InterruptedException {
		return await(() -> deadGeneration);
	}

	private boolean await(BooleanSupplier faulty) throws InterruptedException {
		synchronized (lock) {
			while (faulty.getAsBoolean() && !closed) {
				lock.wait();
			}
			return !closed;
		}
	}

	private void release() {
		synchronized (lock) {
			lock.notifyAll();
		}
	}

	void close() {
		synchronized (lock) {
			closed = true;
			lock.notifyAll();
		}
	}

}

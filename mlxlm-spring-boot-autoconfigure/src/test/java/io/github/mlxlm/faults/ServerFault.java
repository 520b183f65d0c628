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

package io.github.mlxlm.faults;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import io.github.mlxlm.api.MlxLmException.Reason;
import io.github.mlxlm.simulator.MlxLmSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's faults, as the rows of the fault matrix. A fault that needs a model
 * load ({@link #needsModelLoad()}) is tested with a client configured for
 * {@link #OTHER_MODEL}, which the simulator has to load (the user's configured model,
 * never a guess).
 */
enum ServerFault {

	REFUSED(Reason.REFUSED, (sim) -> sim.faults().refuseConnections(true)),

	HANG_BEFORE_STATUS_LINE(Reason.READ_TIMEOUT, (sim) -> sim.faults().hangBeforeStatusLine(true)),

	RESET(Reason.CLOSED, (sim) -> sim.faults().resetConnections(true)),

	EMPTY_REPLY(Reason.CLOSED, (sim) -> sim.faults().closeConnectionsOnAccept(true)),

	DEAD_GENERATION_THREAD(Reason.READ_TIMEOUT, (sim) -> sim.faults().deadGenerationThread(true)),

	SLOW_MODEL_LOAD(Reason.READ_TIMEOUT, (sim) -> sim.faults().modelLoadDelay(Duration.ofMillis(1200))),

	FAILING_MODEL_LOAD(Reason.HTTP_STATUS,
			(sim) -> sim.faults().failModelLoad(ServerFault.OTHER_MODEL, "No safetensors found")),

	/**
	 * The server closes a stream cleanly after one chunk: no finishing chunk, no [DONE].
	 */
	STOP_MID_STREAM(Reason.CLOSED, (sim) -> sim.faults().stopStreamAfterChunks(1)),

	/**
	 * The finishing chunk and the usage arrive, then the connection closes without
	 * [DONE].
	 */
	STOP_BEFORE_DONE(Reason.CLOSED, (sim) -> sim.faults().stopStreamBeforeDone(true)),

	/** A TCP reset after one chunk. */
	RESET_MID_STREAM(Reason.CLOSED, (sim) -> sim.faults().resetStreamAfterChunks(1)),

	/** Half of the second event's JSON, then a clean close. */
	TRUNCATED_MID_STREAM(Reason.MALFORMED, (sim) -> sim.faults().truncateStreamAfterChunks(1));

	static final String RESIDENT_MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String OTHER_MODEL = "mlx-community/Llama-3.2-1B-Instruct-4bit";

	/** Faults that touch every request, GETs included. */
	static final Set<ServerFault> TRANSPORT = Set.of(REFUSED, HANG_BEFORE_STATUS_LINE, RESET, EMPTY_REPLY);

	/** The api key every client of the matrix sends: it must appear in no error. */
	static final String API_KEY = "sk_matrix_sentinel_7c1d";

	private final Reason reason;

	private final Consumer<MlxLmSimulator> apply;

	ServerFault(Reason reason, Consumer<MlxLmSimulator> apply) {
		this.reason = reason;
		this.apply = apply;
	}

	/**
	 * Return the reason the failure must carry.
	 * @return the reason
	 */
	Reason reason() {
		return this.reason;
	}

	void applyTo(MlxLmSimulator simulator) {
		this.apply.accept(simulator);
	}

	boolean needsModelLoad() {
		return this == SLOW_MODEL_LOAD || this == FAILING_MODEL_LOAD;
	}

	/**
	 * Return the model id a client should be configured with for this fault.
	 * @return the model id, or {@code null} for the server's default
	 */
	String configuredModel() {
		return needsModelLoad() ? OTHER_MODEL : null;
	}

	static MlxLmSimulator startSimulator() {
		return MlxLmSimulator.builder()
			.model(RESIDENT_MODEL)
			.huggingFaceCache(RESIDENT_MODEL, OTHER_MODEL)
			.script("Count", "one two three four five six seven eight")
			.start();
	}

	/**
	 * Shared pools that are bounded by the number of cores and live for the whole JVM:
	 * they grow to their size on first use, whatever the test does, so they are not
	 * counted.
	 */
	private static final Set<String> SHARED_POOLS = Set.of("parallel-", "reactor-http-", "boundedElastic-",
			"mlxlm-simulator",
			// WireMock's Jetty, which stands for a remote server like the simulator
			"qtp", "Scheduler-",
			// the thread that polls these very conditions
			"awaitility");

	/**
	 * Count live non-daemon client-side threads, leaving out the simulator's own (it
	 * stands for a remote server) and the JVM-wide bounded pools of Reactor.
	 * @return the number of client-side threads
	 */
	static long clientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			// Daemon threads of other tests in the same JVM come and go; a leak that
			// keeps the JVM alive is a non-daemon thread.
			.filter((thread) -> !thread.isDaemon())
			.filter((thread) -> SHARED_POOLS.stream().noneMatch(thread.getName()::startsWith))
			.count();
	}

	/**
	 * Name the live non-daemon threads, for a failure message.
	 * @return the thread names
	 */
	static String describeThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> !t.isDaemon())
			.map(Thread::getName)
			.sorted()
			.toList()
			.toString();
	}

	/**
	 * Count the simulator's open connections (threads serving one).
	 * @return the number of connections the simulator still serves
	 */
	static long serverConnections(MlxLmSimulator simulator) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().equals("mlxlm-simulator-" + simulator.port() + "-conn"))
			.count();
	}

	/**
	 * Wait until the simulator serves no connection and no client thread beyond the
	 * baseline is left, failing after {@code within}.
	 * @param simulator the simulator the test used
	 * @param baselineThreads {@link #clientThreads()} before the test
	 * @param within the longest wait
	 */
	static void awaitNothingLeftBehind(MlxLmSimulator simulator, long baselineThreads, Duration within) {
		await().pollDelay(Duration.ZERO).atMost(within).until(() -> serverConnections(simulator) == 0);
		await().pollDelay(Duration.ZERO)
			.atMost(within)
			.untilAsserted(() -> assertThat(clientThreads()).as(ServerFault::describeThreads)
				.isLessThanOrEqualTo(baselineThreads));
	}

}

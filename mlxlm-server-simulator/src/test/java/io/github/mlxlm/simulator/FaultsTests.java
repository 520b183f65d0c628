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

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String CHAT = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

	final MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).huggingFaceCache(MODEL, "other/model").start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	private Socket send(String request) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.sim.port());
		socket.setSoTimeout(10_000); // safety net only
		socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return socket;
	}

	@Test
	void refusedConnectionsFailToConnectAndResumeOnTheSamePort() throws IOException {
		this.sim.faults().refuseConnections(true);
		assertThatThrownBy(() -> new Socket("127.0.0.1", this.sim.port()).close()).isInstanceOf(ConnectException.class);
		this.sim.faults().refuseConnections(false);
		assertThat(Raw.get(this.sim.port(), "/health").body()).isEqualTo("{\"status\": \"ok\"}");
	}

	@Test
	void closeOnAcceptGivesAnEmptyReply() throws IOException {
		this.sim.faults().closeConnectionsOnAccept(true);
		assertThat(Raw.exchange(this.sim.port(), "GET /health HTTP/1.1\r\n\r\n")).isEmpty();
	}

	@Test
	void hangBeforeStatusLineSendsNothingUntilSwitchedOff() throws Exception {
		this.sim.faults().hangBeforeStatusLine(true);
		try (Socket socket = send("GET /health HTTP/1.1\r\n\r\n")) {
			this.sim.awaitRequests(1, Duration.ofSeconds(5));
			assertThat(socket.getInputStream().available()).isZero();
			this.sim.faults().hangBeforeStatusLine(false);
			assertThat(new String(Raw.readToEof(socket.getInputStream()), StandardCharsets.UTF_8))
				.startsWith("HTTP/1.0 200 OK\r\n")
				.endsWith("{\"status\": \"ok\"}");
		}
	}

	@Test
	void closingTheSimulatorEndsAHangingRequestWithNoReply() throws Exception {
		this.sim.faults().hangBeforeStatusLine(true);
		try (Socket socket = send("GET /health HTTP/1.1\r\n\r\n")) {
			this.sim.awaitRequests(1, Duration.ofSeconds(5));
			this.sim.close();
			assertThat(Raw.readToEof(socket.getInputStream())).isEmpty();
		}
	}

	@Test
	void stopMidStreamClosesAfterTheGivenNumberOfEventsWithoutDone() throws IOException {
		this.sim.faults().stopStreamAfterChunks(2);
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}");
		assertThat(raw.lines().filter((l) -> l.startsWith("data: "))).hasSize(2);
		assertThat(raw).contains(": keepalive").doesNotContain("[DONE]").doesNotContain("\"finish_reason\": \"stop\"");
	}

	static final String STREAM_WITH_USAGE = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
			+ "\"stream\": true, \"stream_options\": {\"include_usage\": true}}";

	@Test
	void stopBeforeDoneSendsTheFinishAndUsageChunksButNoDone() throws IOException {
		this.sim.faults().stopStreamBeforeDone(true);
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions", STREAM_WITH_USAGE);
		assertThat(raw).contains("\"finish_reason\": \"stop\"")
			.doesNotContain("[DONE]")
			.endsWith("\"cached_tokens\": 0}}}\n\n");
	}

	@Test
	void resetStreamAfterChunksResetsTheConnectionAfterTheGivenEvents() throws IOException {
		this.sim.faults().resetStreamAfterChunks(2);
		try (Socket socket = send(Raw.postRequest("/v1/chat/completions", STREAM_WITH_USAGE))) {
			InputStream in = socket.getInputStream();
			StringBuilder seen = new StringBuilder();
			assertThatThrownBy(() -> {
				int b;
				while ((b = in.read()) != -1) {
					seen.append((char) b);
				}
			}).isInstanceOf(SocketException.class).hasMessageContaining("reset");
			assertThat(seen.toString().lines().filter((l) -> l.startsWith("data: "))).hasSizeLessThanOrEqualTo(2);
		}
	}

	@Test
	void truncateStreamAfterChunksCutsTheNextEventMidJsonAndCloses() throws IOException {
		this.sim.faults().truncateStreamAfterChunks(1);
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions", STREAM_WITH_USAGE);
		List<String> data = raw.lines().filter((l) -> l.startsWith("data: ")).toList();
		assertThat(data).hasSize(2);
		assertThat(data.get(0)).endsWith("}]}");
		assertThat(raw).endsWith(data.get(1));
		assertThat(data.get(1)).startsWith("data: {\"id\": ").doesNotEndWith("}");
	}

	@Test
	void resetAnswersWithATcpReset() throws IOException {
		this.sim.faults().resetConnections(true);
		try (Socket socket = send("GET /health HTTP/1.1\r\n\r\n")) {
			InputStream in = socket.getInputStream();
			assertThatThrownBy(() -> {
				while (in.read() != -1) {
					// drain until the reset surfaces
				}
			}).isInstanceOf(SocketException.class).hasMessageContaining("reset");
		}
	}

	@Test
	void deadGenerationThreadHangsCompletionsWhileHealthSaysOk() throws Exception {
		this.sim.faults().deadGenerationThread(true);
		try (Socket socket = send(Raw.postRequest("/v1/chat/completions", CHAT))) {
			this.sim.awaitRequests(1, Duration.ofSeconds(5));
			assertThat(Raw.get(this.sim.port(), "/health").body()).isEqualTo("{\"status\": \"ok\"}");
			assertThat(socket.getInputStream().available()).isZero();
			this.sim.close();
			assertThat(Raw.readToEof(socket.getInputStream())).isEmpty();
		}
	}

	@Test
	void slowModelLoadDelaysTheSwap() throws IOException {
		this.sim.faults().modelLoadDelay(Duration.ofMillis(200));
		long start = System.nanoTime();
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/chat/completions",
				"{\"model\": \"other/model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 200 OK");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(this.sim.loads()).containsExactly("other/model");
	}

	@Test
	void healthAndModelsAnswerWhileAModelLoads() throws Exception {
		this.sim.faults().modelLoadDelay(Duration.ofMinutes(5));
		try (Socket loading = send(Raw.postRequest("/v1/chat/completions",
				"{\"model\": \"other/model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))) {
			this.sim.awaitRequests(1, Duration.ofSeconds(5));
			assertThat(Raw.get(this.sim.port(), "/health").body()).isEqualTo("{\"status\": \"ok\"}");
			assertThat(Raw.get(this.sim.port(), "/v1/models").body()).contains("\"other/model\"");
			assertThat(loading.getInputStream().available()).isZero();
			this.sim.close(); // interrupts the load
			assertThat(Raw.readToEof(loading.getInputStream())).isEmpty();
		}
	}

	@Test
	void failingModelLoadAnswers404AndLeavesNoModelResident() throws IOException {
		this.sim.faults().failModelLoad("other/model", "Out of memory");
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/chat/completions",
				"{\"model\": \"other/model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
		assertThat(reply.body()).isEqualTo("{\"error\": \"Out of memory\"}");
		assertThat(this.sim.residentModel()).isEmpty();
	}

	@Test
	void clearSwitchesEveryFaultOff() throws IOException {
		this.sim.faults()
			.closeConnectionsOnAccept(true)
			.resetConnections(true)
			.stopStreamAfterChunks(0)
			.refuseConnections(true)
			.stopStreamBeforeDone(true)
			.resetStreamAfterChunks(0)
			.truncateStreamAfterChunks(0);
		this.sim.faults().clear();
		assertThat(Raw.get(this.sim.port(), "/health").statusLine()).isEqualTo("HTTP/1.0 200 OK");
		assertThat(Raw.postRaw(this.sim.port(), "/v1/chat/completions", STREAM_WITH_USAGE))
			.endsWith("data: [DONE]\n\n");
	}

	@Test
	void closeEndsEveryThreadItStarted() throws Exception {
		this.sim.faults().hangBeforeStatusLine(true);
		try (Socket a = send("GET /health HTTP/1.1\r\n\r\n"); Socket b = send("GET /health HTTP/1.1\r\n\r\n")) {
			this.sim.awaitRequests(2, Duration.ofSeconds(5));
			this.sim.close();
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((t) -> t.getName().startsWith("mlxlm-simulator-" + this.sim.port()) && t.isAlive());
		}
	}

}

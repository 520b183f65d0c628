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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OpenConnectionsTests {

	static final String STREAM = "{\"messages\": [{\"role\": \"user\", \"content\": \"Count\"}], \"stream\": true}";

	final MlxLmSimulator sim = MlxLmSimulator.builder()
		.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
		.script("Count", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen")
		.tokensPerSecond(20)
		.start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	private Socket streamRequest() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.sim.port());
		socket.setSoTimeout(10_000); // safety net only
		byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
		String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\n\r\n";
		socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().write(body);
		socket.getOutputStream().flush();
		return socket;
	}

	private static void readUntil(InputStream in, String text) throws IOException {
		StringBuilder seen = new StringBuilder();
		while (seen.indexOf(text) < 0) {
			int b = in.read();
			assertThat(b).as("connection closed before " + text).isNotNegative();
			seen.append((char) b);
		}
	}

	@Test
	void openConnectionsIsZeroWhenIdle() {
		assertThat(this.sim.openConnections()).isZero();
	}

	@Test
	void openConnectionsCountsAStreamInProgress() throws IOException {
		try (Socket socket = streamRequest()) {
			readUntil(socket.getInputStream(), "data: ");
			assertThat(this.sim.openConnections()).isEqualTo(1);
		}
	}

	@Test
	void openConnectionsDropsWhenTheClientClosesAStreamMidWay() throws IOException {
		try (Socket socket = streamRequest()) {
			readUntil(socket.getInputStream(), "data: ");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.openConnections() == 0);
		assertThat(this.sim.requests()).hasSize(1);
	}

	@Test
	void openConnectionsDropsAfterACompleteReply() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.sim.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
			socket.getInputStream().readAllBytes();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.openConnections() == 0);
	}

}

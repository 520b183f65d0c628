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

package io.github.mlxlm.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a server on the internet: idle connections are closed, and a stream that
 * waits on the model sends heartbeats.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.netty.idle-timeout=1s", "sample.stream.heartbeat-interval=100ms",
				"mlxlm.simulator.tokens-per-second=6" })
@AutoConfigureWebTestClient(timeout = "30s")
class ConnectionLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient webClient;

	@Test
	void aConnectionThatSendsNoRequestIsClosedAfterTheIdleTimeout() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			assertThat(in.read()).as("end of stream").isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void aStreamWaitingOnTheModelSendsHeartbeatComments() {
		List<ServerSentEvent<String>> events = this.webClient.get()
			.uri("/chat/stream?message=Hello")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(events).anySatisfy((event) -> assertThat(event.comment()).isEqualTo("heartbeat"));
		assertThat(events).last().satisfies((event) -> assertThat(event.event()).isEqualTo("done"));
	}

}

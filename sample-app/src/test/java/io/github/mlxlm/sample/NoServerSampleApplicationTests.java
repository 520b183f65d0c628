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
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing listening at the base URL the app still starts, and health says DOWN in
 * time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
class NoServerSampleApplicationTests {

	static final String BASE_URL = "http://127.0.0.1:" + closedPort() + "/v1";

	@Autowired
	WebTestClient webClient;

	@DynamicPropertySource
	static void mlxlm(DynamicPropertyRegistry registry) {
		registry.add("mlxlm.base-url", () -> BASE_URL);
		registry.add("mlxlm.simulator.enabled", () -> "false");
		registry.add("mlxlm.health.timeout", () -> "1s");
	}

	@Test
	void healthReportsMlxlmDownNamingTheUrlWithinTheHealthTimeout() {
		long start = System.nanoTime();
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.mlxlm.details.error")
			.value((String error) -> assertThat(error).contains("127.0.0.1"));
		// Generous bound: the health timeout plus scheduling slack, never the read
		// timeout.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

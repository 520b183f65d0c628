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

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed chat answers an RFC 9457 problem detail naming the server URL; and the api key
 * appears in no log line, health detail, problem detail, configprops or env output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mlxlm.read-timeout=1s", "mlxlm.connect-timeout=1s", "logging.level.io.github.mlxlm=TRACE",
				"management.endpoints.web.exposure.include=health,configprops,env" })
@AutoConfigureWebTestClient(timeout = "10s")
@ExtendWith(OutputCaptureExtension.class)
class ChatErrorHandlingTests {

	static final String SENTINEL = "sk-SENTINEL-4f1c9e0a";

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String OTHER = "mlx-community/Llama-3.2-1B-Instruct-4bit";

	static final MlxLmSimulator simulator = MlxLmSimulator.builder()
		.model(MODEL)
		.huggingFaceCache(MODEL, OTHER)
		.start();

	@Autowired
	WebTestClient webClient;

	@DynamicPropertySource
	static void mlxlm(DynamicPropertyRegistry registry) {
		registry.add("mlxlm.base-url", simulator::baseUrl);
		registry.add("mlxlm.model", () -> OTHER);
		registry.add("mlxlm.api-key", () -> SENTINEL);
		registry.add("mlxlm.simulator.enabled", () -> "false");
	}

	@AfterEach
	void clearFaults() {
		simulator.reset();
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	private WebTestClient.ResponseSpec chat() {
		return this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Say hello\"}")
			.exchange();
	}

	@Test
	void refusedConnectionAnswers503NamingServerUrl() {
		simulator.faults().refuseConnections(true);
		chat().expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(simulator.baseUrl()).doesNotContain(SENTINEL));
	}

	@Test
	void silentServerAnswers504NamingServerUrl() {
		simulator.faults().hangBeforeStatusLine(true);
		chat().expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(simulator.baseUrl()).contains("read timeout"));
	}

	@Test
	void rejectedRequestAnswers502WithServerError() {
		simulator.faults().failModelLoad(OTHER, "No safetensors found");
		chat().expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(simulator.baseUrl()).contains("404"));
	}

	@Test
	void apiKeyIsSentButNeverLoggedAtTrace(CapturedOutput output) {
		chat().expectStatus().isOk();
		simulator.faults().resetConnections(true);
		chat().expectStatus().is5xxServerError();
		assertThat(simulator.requests())
			.anySatisfy((request) -> assertThat(request.header("Authorization")).hasValue("Bearer " + SENTINEL));
		assertThat(output).isNotEmpty().doesNotContain(SENTINEL);
	}

	@Test
	void apiKeyIsInNoHealthDetail() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("mlxlm").doesNotContain(SENTINEL));
	}

	@Test
	void apiKeyIsMaskedInConfigprops() {
		this.webClient.get()
			.uri("/actuator/configprops")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("mlxlm").doesNotContain(SENTINEL));
	}

	@Test
	void apiKeyIsMaskedInEnv() {
		this.webClient.get()
			.uri("/actuator/env")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("mlxlm.api-key").doesNotContain(SENTINEL));
	}

}

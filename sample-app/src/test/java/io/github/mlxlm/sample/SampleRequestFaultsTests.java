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

import java.time.Duration;
import java.util.Collections;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sample app does with careless or hostile requests: invalid values and coerced
 * types are 400s naming the field and never reach the server; oversized requests are
 * problem details; a client that gives up on {@code POST /chat} stops the generation
 * upstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mlxlm.simulator.tokens-per-second=20" })
@AutoConfigureWebTestClient(timeout = "10s")
class SampleRequestFaultsTests {

	static final String LONG_ANSWER = String.join(" ", Collections.nCopies(200, "token"));

	@Autowired
	WebTestClient webClient;

	@Autowired
	MlxLmSimulator simulator;

	@LocalServerPort
	int port;

	@AfterEach
	void reset() {
		this.simulator.reset();
	}

	private WebTestClient.ResponseSpec post(String json) {
		return this.webClient.post().uri("/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private boolean serverSawAChat() {
		return this.simulator.requests().stream().anyMatch((request) -> request.path().endsWith("/chat/completions"));
	}

	@Test
	void negativeMaxTokensIsABadRequestNamingTheFieldAndTheServerSeesNothing() {
		post("{\"message\": \"hi\", \"maxTokens\": -1}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("maxTokens")
			.jsonPath("$.reason")
			.isEqualTo("INVALID_REQUEST")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("maxTokens").contains("must be"));
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void negativeTemperatureIsABadRequest() {
		post("{\"message\": \"hi\", \"temperature\": -1}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("temperature");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void numberForTheMessageIsNotCoercedToText() {
		post("{\"message\": 42}").expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("message");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void textForMaxTokensIsNotCoercedToANumber() {
		post("{\"message\": \"hi\", \"maxTokens\": \"10\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("maxTokens")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("maxTokens").contains("wrong type"));
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void fractionForMaxTokensIsNotTruncated() {
		post("{\"message\": \"hi\", \"maxTokens\": 1.5}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("maxTokens");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void unknownPropertiesAreRefusedNamingThem() {
		for (String unknown : new String[] { "options", "topP", "stop", "seed", "MaxTokens" }) {
			post("{\"message\": \"hi\", \"" + unknown + "\": 1}").expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.field")
				.isEqualTo(unknown)
				.jsonPath("$.detail")
				.value((detail) -> assertThat((String) detail).contains("Unknown property '" + unknown + "'"));
		}
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void invalidJsonSaysWhereItBreaks() {
		post("{\"message\": \"hi\",").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).startsWith("The body is not valid JSON"));
	}

	@Test
	void invalidUtf8InAQueryParameterIsRefusedNamingIt() {
		this.webClient.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + "/chat/stream?message=%ED%A0%80"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("message");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void anOverlongSequenceInTheBodyIsRefused() {
		byte[] body = "{\"message\": \"a\u0000b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		// "a", then C0 AF (an overlong "/"), then "b"
		byte[] overlong = new byte[body.length + 1];
		int at = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf('\u0000');
		System.arraycopy(body, 0, overlong, 0, at);
		overlong[at] = (byte) 0xC0;
		overlong[at + 1] = (byte) 0xAF;
		System.arraycopy(body, at + 1, overlong, at + 2, body.length - at - 1);
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(overlong)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("body");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void aQueryParameterOfTheWrongTypeIsNamed() {
		this.webClient.get()
			.uri("/chat/stream?message=hi&tools=notabool")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("tools");
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void overlongRequestTargetIsAProblemDetail() {
		this.webClient.get()
			.uri("/chat/stream?message=" + "x".repeat(RequestLimitsWebFilter.MAX_URI_LENGTH + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(414);
	}

	@Test
	void oversizedHeadersAreAProblemDetail() {
		this.webClient.get()
			.uri("/chat/stream?message=hi")
			.header("X-Padding", "y".repeat(RequestLimitsWebFilter.MAX_HEADER_BYTES + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void oversizedBodyIsAProblemDetail() {
		post("{\"message\": \"" + "z".repeat(2 * 1024 * 1024) + "\"}").expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("at most 262144 are accepted"));
		assertThat(serverSawAChat()).isFalse();
	}

	@Test
	void abandonedChatStopsTheGenerationUpstreamWithinASecond() {
		Disposable call = HttpClient.create()
			.headers((headers) -> headers.add("Content-Type", "application/json"))
			.post()
			.uri("http://127.0.0.1:" + this.port + "/chat")
			.send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just("{\"message\": \"Count\"}")))
			.responseContent()
			.aggregate()
			.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.openConnections() == 1);
		call.dispose();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.simulator.openConnections() == 0);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LongAnswer {

		@Bean
		MlxLmSimulatorBuilderCustomizer longAnswer() {
			return (builder) -> builder.script("Count", LONG_ANSWER);
		}

	}

}

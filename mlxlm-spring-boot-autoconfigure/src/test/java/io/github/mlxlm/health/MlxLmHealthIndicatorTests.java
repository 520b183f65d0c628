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

package io.github.mlxlm.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmHealthIndicator}.
 */
class MlxLmHealthIndicatorTests {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-type", "application/json").withBody(body);
	}

	private MlxLmHealthIndicator indicator(Duration timeout) {
		return new MlxLmHealthIndicator(MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").build(), timeout);
	}

	@Test
	void healthIsOutOfServiceWithTheStartupsDetailsAndTheServerIsNotAskedWhileItStarts() {
		MlxLmServerStartup startup = () -> new MlxLmServerStartup.Progress(false, Status.OUT_OF_SERVICE,
				Map.of("launcher", Map.of("stage", "downloading")));
		MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(
				MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").build(), TIMEOUT, true, Duration.ZERO, startup);
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("launcher", Map.of("stage", "downloading"))
				.containsEntry("baseUrl", server.baseUrl() + "/v1");
		}).expectComplete().verify(TIMEOUT);
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void healthAddsTheStartupsDetailsOnceTheServerIsReady() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "")));
		MlxLmServerStartup startup = () -> new MlxLmServerStartup.Progress(true, Status.OUT_OF_SERVICE,
				Map.of("launcher", Map.of("stage", "ready")));
		MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(
				MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").build(), TIMEOUT, false, Duration.ZERO,
				startup);
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("launcher", Map.of("stage", "ready"));
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void healthIsOutOfServiceWhenTheConfiguredModelIsNotOnTheServer() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "{\"object\": \"list\", \"data\": [{\"id\": \"" + MODEL
				+ "\", \"object\": \"model\", \"created\": 1766400000}]}")));
		MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(
				MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").model("mlx-community/missing-model").build(),
				TIMEOUT);
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("modelAvailable", false)
				.containsEntry("model", "mlx-community/missing-model");
			assertThat((String) health.getDetails().get("modelNote")).contains("is not on the server")
				.contains("download")
				.contains("404");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void healthIsUpWhenTheConfiguredModelIsOnTheServer() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "{\"object\": \"list\", \"data\": [{\"id\": \"" + MODEL
				+ "\", \"object\": \"model\", \"created\": 1766400000}]}")));
		MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(
				MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").model(MODEL).build(), TIMEOUT);
		StepVerifier.create(indicator.health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("modelAvailable", true).doesNotContainKey("modelNote");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void healthIsUpWithDetailsWhenServerAnswers() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "{\"object\": \"list\", \"data\": [{\"id\": \"" + MODEL
				+ "\", \"object\": \"model\", \"created\": 1766400000}]}")));
		StepVerifier.create(indicator(TIMEOUT).health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("baseUrl", server.baseUrl() + "/v1")
				.containsEntry("providerType", "mlxlm")
				.containsEntry("status", "ok")
				.containsEntry("model", MODEL)
				.containsEntry("modelGuessed", false)
				.containsEntry("availableModels", List.of(MODEL))
				.doesNotContainKey("error");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void healthIsUpWithoutModelDetailWhenServerListsNoModel() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "")));
		StepVerifier.create(indicator(TIMEOUT).health())
			.expectNextMatches(
					(health) -> health.getStatus().equals(Status.UP) && !health.getDetails().containsKey("model")
							&& health.getDetails().get("availableModels").equals(List.of()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void healthIsDownNamingUrlWhenHealthAnswers500() {
		server.stubFor(get("/health").willReturn(json(500, "{\"error\": \"boom\"}")));
		StepVerifier.create(indicator(TIMEOUT).health()).assertNext((health) -> {
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("baseUrl", server.baseUrl() + "/v1")
				.containsEntry("providerType", "mlxlm")
				.containsKey("error");
			assertThat((String) health.getDetails().get("error")).contains(server.baseUrl() + "/health")
				.contains("500");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void healthIsDownNamingUrlWhenServerRefusesConnections() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		MlxLmClient client = MlxLmClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").build();
		StepVerifier.create(new MlxLmHealthIndicator(client, TIMEOUT).health())
			.expectNextMatches((health) -> health.getStatus().equals(Status.DOWN)
					&& ((String) health.getDetails().get("error")).contains("http://127.0.0.1:" + port + "/health"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void healthIsDownWithinTimeoutWhenServerIsSilent() {
		server.stubFor(get(anyUrl()).willReturn(json(200, "{\"status\": \"ok\"}").withFixedDelay(2000)));
		StepVerifier.create(indicator(Duration.ofMillis(300)).health())
			.expectNextMatches((health) -> health.getStatus().equals(Status.DOWN)
					&& ((String) health.getDetails().get("error")).contains("300ms")
					&& ((String) health.getDetails().get("error")).contains(server.baseUrl() + "/v1"))
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	@Test
	void healthTimeoutBoundsModelListingToo() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
		server.stubFor(get("/v1/models").willReturn(json(200, "").withFixedDelay(2000)));
		StepVerifier.create(indicator(Duration.ofMillis(300)).health())
			.expectNextMatches((health) -> health.getStatus().equals(Status.DOWN))
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

}

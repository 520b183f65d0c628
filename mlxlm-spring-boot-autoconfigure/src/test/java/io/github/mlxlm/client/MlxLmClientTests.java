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

package io.github.mlxlm.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmHttpException;
import io.github.mlxlm.api.MlxLmResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmClient} against WireMock stubs shaped like
 * {@code mlx_lm.server}'s replies (WireMock adds a Content-Length the real server does
 * not send; see {@link MlxLmClientSimulatorTests} for close-delimited replies).
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmClientTests {

	static final String CACHED_A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String CACHED_B = "mlx-community/Llama-3.2-3B-Instruct-4bit";

	static final String LOCAL = "/Users/me/models/my-fine-tune";

	static final String SENTINEL_KEY = "sk-sentinel-7f3a9c";

	static final Duration VERIFY = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	// Each stub answers as mlx_lm.server does: "Content-type" spelled so, JSON with
	// spaces.
	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-type", "application/json").withBody(body);
	}

	static String listing(String... ids) {
		StringBuilder data = new StringBuilder();
		for (String id : ids) {
			data.append((data.length() > 0) ? ", " : "")
				.append("{\"id\": \"")
				.append(id)
				.append("\", \"object\": \"model\", \"created\": 1766400000}");
		}
		return "{\"object\": \"list\", \"data\": [" + data + "]}";
	}

	static void stubHealthOk() {
		server.stubFor(get("/health").willReturn(json(200, "{\"status\": \"ok\"}")));
	}

	static void stubModels(int status, String body) {
		server.stubFor(get("/v1/models").willReturn(json(status, body)));
	}

	static void stubSilentServer() {
		server.stubFor(get(anyUrl()).willReturn(json(200, "{\"status\": \"ok\"}").withFixedDelay(2000)));
	}

	static MlxLmClient.Builder clientBuilder() {
		return MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1");
	}

	static MlxLmClient client() {
		return clientBuilder().build();
	}

	static MlxLmClient impatientClient() {
		return clientBuilder().readTimeout(Duration.ofMillis(200)).build();
	}

	static MlxLmClient refusedClient() throws IOException {
		return MlxLmClient.builder().baseUrl("http://127.0.0.1:" + closedPort() + "/v1").build();
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	// listModels

	@Test
	void listModelsAnswersEntriesInServerOrder() {
		stubModels(200, listing(CACHED_A, CACHED_B, LOCAL));
		StepVerifier.create(client().listModels())
			.expectNext(List.of(new MlxLmModel(CACHED_A, "model", 1766400000L),
					new MlxLmModel(CACHED_B, "model", 1766400000L), new MlxLmModel(LOCAL, "model", 1766400000L)))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void listModelsCallsModelsOnBaseUrl() {
		stubModels(200, listing(CACHED_A));
		StepVerifier.create(client().listModels()).expectNextCount(1).expectComplete().verify(VERIFY);
		server.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void listModelsAnswersEmptyListWhenBodyIsEmpty() {
		stubModels(200, "");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenDataIsEmpty() {
		stubModels(200, "{\"object\": \"list\", \"data\": []}");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenServerAnswers500() {
		stubModels(500, "{\"error\": \"boom\"}");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenServerAnswers404() {
		stubModels(404, "Not Found");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenJsonIsMalformed() {
		stubModels(200, "{\"object\": \"list\", \"data\": [");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenConnectionIsRefused() throws IOException {
		StepVerifier.create(refusedClient().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void listModelsAnswersEmptyListWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().listModels())
			.expectNext(List.of())
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	@Test
	void listModelsLogsFailureAtWarnWithUrl(CapturedOutput output) {
		stubModels(500, "{\"error\": \"boom\"}");
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
		assertThat(output).contains("WARN").contains(server.baseUrl() + "/v1/models").contains("500").contains("boom");
	}

	// isRunning

	@Test
	void isRunningAnswersTrueWhenHealthAnswers200() {
		stubHealthOk();
		StepVerifier.create(client().isRunning()).expectNext(true).expectComplete().verify(VERIFY);
		server.verify(1, getRequestedFor(urlEqualTo("/health")));
	}

	@Test
	void isRunningAnswersTrueWhenHealthAnswersPlainText() {
		server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("OK")));
		StepVerifier.create(client().isRunning()).expectNext(true).expectComplete().verify(VERIFY);
	}

	@Test
	void isRunningAnswersTrueWhenHealthBodyIsEmpty() {
		server.stubFor(get("/health").willReturn(json(200, "")));
		StepVerifier.create(client().isRunning()).expectNext(true).expectComplete().verify(VERIFY);
	}

	@Test
	void isRunningAnswersFalseWhenHealthAnswers500() {
		server.stubFor(get("/health").willReturn(json(500, "{\"error\": \"boom\"}")));
		StepVerifier.create(client().isRunning()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isRunningAnswersFalseWhenHealthAnswers404() {
		server.stubFor(get("/health").willReturn(json(404, "Not Found")));
		StepVerifier.create(client().isRunning()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isRunningAnswersFalseWhenConnectionIsRefused() throws IOException {
		StepVerifier.create(refusedClient().isRunning()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isRunningAnswersFalseWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().isRunning())
			.expectNext(false)
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	// isModelLoaded

	@Test
	void isModelLoadedAnswersTrueWhenServerIsUpAndListsModel() {
		stubHealthOk();
		stubModels(200, listing(CACHED_A));
		StepVerifier.create(client().isModelLoaded()).expectNext(true).expectComplete().verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersTrueWhenServerIsUpAndModelIsConfigured() {
		stubHealthOk();
		stubModels(200, "");
		StepVerifier.create(clientBuilder().model(CACHED_A).build().isModelLoaded())
			.expectNext(true)
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenModelIsConfiguredButHealthAnswers500() {
		server.stubFor(get("/health").willReturn(json(500, "{\"error\": \"boom\"}")));
		StepVerifier.create(clientBuilder().model(CACHED_A).build().isModelLoaded())
			.expectNext(false)
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenListingBodyIsEmpty() {
		stubHealthOk();
		stubModels(200, "");
		StepVerifier.create(client().isModelLoaded()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenListingAnswers500() {
		stubHealthOk();
		stubModels(500, "{\"error\": \"boom\"}");
		StepVerifier.create(client().isModelLoaded()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenListingJsonIsMalformed() {
		stubHealthOk();
		stubModels(200, "{\"data\": [{\"id\": ");
		StepVerifier.create(client().isModelLoaded()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenConnectionIsRefused() throws IOException {
		StepVerifier.create(refusedClient().isModelLoaded()).expectNext(false).expectComplete().verify(VERIFY);
	}

	@Test
	void isModelLoadedAnswersFalseWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().isModelLoaded())
			.expectNext(false)
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	// modelInfo

	@Test
	void modelInfoAnswersEntryOfDetectedModel() {
		stubModels(200, listing(CACHED_A, CACHED_B, LOCAL));
		StepVerifier.create(client().modelInfo())
			.expectNext(new MlxLmModel(LOCAL, "model", 1766400000L))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void modelInfoAnswersEntryOfConfiguredModelWhenListed() {
		stubModels(200, listing(CACHED_A, CACHED_B));
		StepVerifier.create(clientBuilder().model(CACHED_B).build().modelInfo())
			.expectNext(new MlxLmModel(CACHED_B, "model", 1766400000L))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenConfiguredModelIsNotListed() {
		stubModels(200, listing(CACHED_A));
		StepVerifier.create(clientBuilder().model(CACHED_B).build().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenBodyIsEmpty() {
		stubModels(200, "");
		StepVerifier.create(client().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenServerAnswers500() {
		stubModels(500, "{\"error\": \"boom\"}");
		StepVerifier.create(client().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenServerAnswers404() {
		stubModels(404, "Not Found");
		StepVerifier.create(client().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenJsonIsMalformed() {
		stubModels(200, "not json");
		StepVerifier.create(client().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenConnectionIsRefused() throws IOException {
		StepVerifier.create(refusedClient().modelInfo()).expectComplete().verify(VERIFY);
	}

	@Test
	void modelInfoIsEmptyWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().modelInfo()).expectComplete().verify(Duration.ofMillis(1500));
	}

	// detectModel

	@Test
	void detectModelAnswersConfiguredModelWithoutCallingServer() {
		StepVerifier.create(clientBuilder().model(CACHED_B).build().detectModel())
			.expectNext(new MlxLmModelDetection(CACHED_B, MlxLmModelDetection.Source.CONFIGURED))
			.expectComplete()
			.verify(VERIFY);
		server.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void detectModelAnswersLocalPathEntryAmongCachedEntries() {
		stubModels(200, listing(CACHED_A, CACHED_B, LOCAL));
		StepVerifier.create(client().detectModel())
			.expectNext(new MlxLmModelDetection(LOCAL, MlxLmModelDetection.Source.LOCAL_PATH))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void detectModelAnswersOnlyEntry() {
		stubModels(200, listing(CACHED_A));
		StepVerifier.create(client().detectModel())
			.expectNext(new MlxLmModelDetection(CACHED_A, MlxLmModelDetection.Source.ONLY_ENTRY))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void detectModelAnswersFirstOfSeveralEntriesAsGuess() {
		stubModels(200, listing(CACHED_B, CACHED_A));
		StepVerifier.create(client().detectModel())
			.expectNextMatches((detection) -> detection.modelId().equals(CACHED_B) && detection.guessed())
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void detectModelIsEmptyWhenBodyIsEmpty() {
		stubModels(200, "");
		StepVerifier.create(client().detectModel()).expectComplete().verify(VERIFY);
	}

	@Test
	void detectModelFailsWithHttpExceptionCarryingPlainTextOf404() {
		stubModels(404, "Not Found");
		StepVerifier.create(client().detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(MlxLmHttpException.class, (http) -> {
				assertThat(http.statusCode()).isEqualTo(404);
				assertThat(http.serverError()).isEqualTo("Not Found");
				assertThat(http.url()).isEqualTo(server.baseUrl() + "/v1/models");
				assertThat(http).hasMessageContaining(server.baseUrl() + "/v1/models");
			}))
			.verify(VERIFY);
	}

	@Test
	void detectModelFailsWithHttpExceptionCarryingServerErrorOf500() {
		stubModels(500, "{\"error\": \"expected str, bytes or os.PathLike object, not NoneType\"}");
		StepVerifier.create(client().detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(MlxLmHttpException.class, (http) -> {
				assertThat(http.statusCode()).isEqualTo(500);
				assertThat(http.serverError()).isEqualTo("expected str, bytes or os.PathLike object, not NoneType");
				assertThat(http).hasMessageContaining(server.baseUrl() + "/v1/models");
			}))
			.verify(VERIFY);
	}

	@Test
	void detectModelFailsWithResponseExceptionWhenJsonIsMalformed() {
		stubModels(200, "{\"object\": \"list\", \"data\": [");
		StepVerifier.create(client().detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmResponseException.class)
				.hasMessageContaining(server.baseUrl() + "/v1/models"))
			.verify(VERIFY);
	}

	@Test
	void detectModelFailsWithConnectionExceptionWhenConnectionIsRefused() throws IOException {
		MlxLmClient client = refusedClient();
		StepVerifier.create(client.detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmConnectionException.class)
				.hasMessageContaining(client.endpoint().modelsUrl().toString()))
			.verify(VERIFY);
	}

	@Test
	void detectModelFailsWithConnectionExceptionWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmConnectionException.class)
				.hasMessageContaining(server.baseUrl() + "/v1/models")
				.hasMessageContaining("200ms"))
			.verify(Duration.ofMillis(1500));
	}

	@Test
	void noMethodSendsAnythingButGet() {
		stubHealthOk();
		stubModels(200, listing(CACHED_A, CACHED_B));
		MlxLmClient client = client();
		StepVerifier
			.create(Mono.when(client.listModels(), client.isRunning(), client.isModelLoaded(), client.modelInfo(),
					client.detectModel(), client.status(), client.status(Duration.ofSeconds(5))))
			.expectComplete()
			.verify(VERIFY);
		assertThat(server.getAllServeEvents()).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getRequest().getMethod().getName()).isEqualTo("GET"));
	}

	// status

	@Test
	void statusReportsConnectedServerWithDetectedModel() {
		stubHealthOk();
		stubModels(200, listing(CACHED_A, LOCAL));
		StepVerifier.create(client().status()).assertNext((status) -> {
			assertThat(status.connected()).isTrue();
			assertThat(status.modelDetected()).isTrue();
			assertThat(status.modelId()).isEqualTo(LOCAL);
			assertThat(status.baseUrl()).isEqualTo(server.baseUrl() + "/v1");
			assertThat(status.providerType()).isEqualTo("mlxlm");
			assertThat(status.metadata()).containsEntry("status", "ok")
				.containsEntry("modelGuessed", false)
				.containsEntry("availableModels", List.of(CACHED_A, LOCAL));
			assertThat(status.error()).isNull();
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void statusMarksFirstOfSeveralEntriesAsGuessed() {
		stubHealthOk();
		stubModels(200, listing(CACHED_A, CACHED_B));
		StepVerifier.create(client().status())
			.expectNextMatches(
					(status) -> CACHED_A.equals(status.modelId()) && status.metadata().get("modelGuessed").equals(true))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusReportsConfiguredModel() {
		stubHealthOk();
		stubModels(200, listing(CACHED_A, CACHED_B));
		StepVerifier.create(clientBuilder().model(CACHED_B).build().status())
			.expectNextMatches((status) -> CACHED_B.equals(status.modelId())
					&& status.metadata().get("modelGuessed").equals(false))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusToleratesPlainTextHealth() {
		server.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("OK")));
		stubModels(200, listing(CACHED_A));
		StepVerifier.create(client().status())
			.expectNextMatches((status) -> status.connected() && "ok".equals(status.metadata().get("status")))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusReportsConnectedWithoutModelWhenListingBodyIsEmpty() {
		stubHealthOk();
		stubModels(200, "");
		StepVerifier.create(client().status()).assertNext((status) -> {
			assertThat(status.connected()).isTrue();
			assertThat(status.modelDetected()).isFalse();
			assertThat(status.modelId()).isNull();
			assertThat(status.metadata()).containsEntry("availableModels", List.of());
			assertThat(status.error()).isNull();
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void statusReportsDisconnectedWithUrlWhenHealthAnswers500() {
		server.stubFor(get("/health").willReturn(json(500, "{\"error\": \"boom\"}")));
		StepVerifier.create(client().status()).assertNext((status) -> {
			assertThat(status.connected()).isFalse();
			assertThat(status.modelDetected()).isFalse();
			assertThat(status.error()).contains(server.baseUrl() + "/health").contains("500").contains("boom");
			assertThat(status.providerType()).isEqualTo("mlxlm");
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void statusReportsDisconnectedWhenHealthAnswers404() {
		server.stubFor(get("/health").willReturn(json(404, "Not Found")));
		StepVerifier.create(client().status())
			.expectNextMatches((status) -> !status.connected() && status.error().contains("404: Not Found"))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusReportsConnectedWithErrorWhenListingAnswers500() {
		stubHealthOk();
		stubModels(500, "{\"error\": \"boom\"}");
		StepVerifier.create(client().status()).assertNext((status) -> {
			assertThat(status.connected()).isTrue();
			assertThat(status.modelDetected()).isFalse();
			assertThat(status.error()).contains(server.baseUrl() + "/v1/models").contains("boom");
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void statusReportsConnectedWithErrorWhenListingJsonIsMalformed() {
		stubHealthOk();
		stubModels(200, "{\"data\": {");
		StepVerifier.create(client().status())
			.expectNextMatches((status) -> status.connected() && status.error().contains("unreadable"))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusReportsDisconnectedWithUrlWhenConnectionIsRefused() throws IOException {
		MlxLmClient client = refusedClient();
		StepVerifier.create(client.status())
			.expectNextMatches((status) -> !status.connected()
					&& status.error().contains(client.endpoint().healthUrl().toString()))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void statusReportsDisconnectedWhenServerIsSilentBeyondReadTimeout() {
		stubSilentServer();
		StepVerifier.create(impatientClient().status())
			.expectNextMatches((status) -> !status.connected() && status.error().contains("200ms"))
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	@Test
	void statusWithTimeoutReportsDisconnectedNamingUrlAndTimeout() {
		stubSilentServer();
		StepVerifier.create(client().status(Duration.ofMillis(300)))
			.expectNextMatches((status) -> !status.connected() && status.error().contains(server.baseUrl() + "/v1")
					&& status.error().contains("300ms"))
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	@Test
	void statusWithTimeoutBoundsListingToo() {
		stubHealthOk();
		server.stubFor(get("/v1/models").willReturn(json(200, listing(CACHED_A)).withFixedDelay(2000)));
		StepVerifier.create(client().status(Duration.ofMillis(300)))
			.expectNextMatches((status) -> !status.connected() && status.error().contains("300ms"))
			.expectComplete()
			.verify(Duration.ofMillis(1500));
	}

	// api key, builder, toString

	@Test
	void apiKeyIsSentAsBearerToken() {
		stubHealthOk();
		StepVerifier.create(clientBuilder().apiKey("k").build().isRunning())
			.expectNext(true)
			.expectComplete()
			.verify(VERIFY);
		server.verify(getRequestedFor(urlEqualTo("/health")).withHeader("Authorization", equalTo("Bearer k")));
	}

	@Test
	void blankApiKeySendsNoAuthorizationHeader() {
		stubHealthOk();
		StepVerifier.create(clientBuilder().apiKey("  ").build().isRunning())
			.expectNext(true)
			.expectComplete()
			.verify(VERIFY);
		server.verify(getRequestedFor(urlEqualTo("/health")).withoutHeader("Authorization"));
	}

	@Test
	void apiKeyNeverAppearsInMessagesStatusToStringOrLogs(CapturedOutput output) throws IOException {
		server.stubFor(get("/health").willReturn(json(500, "{\"error\": \"boom\"}")));
		stubModels(500, "{\"error\": \"boom\"}");
		MlxLmClient failing = clientBuilder().apiKey(SENTINEL_KEY).build();
		MlxLmClient refused = MlxLmClient.builder()
			.baseUrl("http://127.0.0.1:" + closedPort() + "/v1")
			.apiKey(SENTINEL_KEY)
			.build();
		for (MlxLmClient client : List.of(failing, refused)) {
			assertThat(client.toString()).doesNotContain(SENTINEL_KEY);
			StepVerifier.create(client.detectModel())
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageNotContaining(SENTINEL_KEY))
				.verify(VERIFY);
			StepVerifier.create(client.status())
				.expectNextMatches((status) -> !status.toString().contains(SENTINEL_KEY))
				.expectComplete()
				.verify(VERIFY);
			StepVerifier.create(client.listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
		}
		// The sentinel was really sent, and logging really happened, so the absence
		// means something.
		server.verify(
				getRequestedFor(urlEqualTo("/health")).withHeader("Authorization", equalTo("Bearer " + SENTINEL_KEY)));
		assertThat(output).contains("GET " + server.baseUrl() + "/health")
			.contains("WARN")
			.doesNotContain(SENTINEL_KEY);
	}

	@Test
	void toStringShowsBaseUrlAndModel() {
		MlxLmClient client = clientBuilder().model(CACHED_A).apiKey(SENTINEL_KEY).build();
		assertThat(client).hasToString("MlxLmClient[baseUrl=" + server.baseUrl() + "/v1, model=" + CACHED_A + "]");
	}

	@Test
	void blankModelMeansServerDefault() {
		assertThat(clientBuilder().model(" ").build().configuredModel()).isNull();
	}

	@Test
	void webClientBuilderCustomizationsApply() {
		stubHealthOk();
		WebClient.Builder customized = WebClient.builder().defaultHeader("X-Customized", "yes");
		StepVerifier.create(clientBuilder().webClientBuilder(customized).build().isRunning())
			.expectNext(true)
			.expectComplete()
			.verify(VERIFY);
		server.verify(getRequestedFor(urlEqualTo("/health")).withHeader("X-Customized", equalTo("yes")));
	}

}

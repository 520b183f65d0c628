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

import java.time.Duration;
import java.util.List;

import io.github.mlxlm.api.MlxLmHttpException;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client on the real wire (HTTP/1.0, close-delimited bodies, no Content-Length), as
 * the simulator reproduces it.
 */
class MlxLmClientSimulatorTests {

	static final Duration VERIFY = Duration.ofSeconds(10);

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String LOCAL = "/Users/me/models/qwen3-local";

	private MlxLmSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private MlxLmClient client(MlxLmSimulator.Builder builder) {
		this.simulator = builder.start();
		return MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build();
	}

	@Test
	void eachCallReachesTheServerExactlyOnce() {
		MlxLmClient client = client(MlxLmSimulator.builder().model(MODEL));
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(client.isRunning()).expectNext(true).expectComplete().verify(VERIFY);
			StepVerifier.create(client.listModels()).expectNextCount(1).expectComplete().verify(VERIFY);
		}
		List<String> paths = this.simulator.requests().stream().map(RecordedRequest::path).toList();
		assertThat(paths).containsExactly("/health", "/v1/models", "/health", "/v1/models", "/health", "/v1/models");
	}

	@Test
	void closeDelimitedListingIsReadToTheEnd() {
		MlxLmClient client = client(MlxLmSimulator.builder().model(MODEL).huggingFaceCache(MODEL, "mlx-community/B"));
		StepVerifier.create(client.listModels())
			.assertNext(
					(models) -> assertThat(models).extracting(MlxLmModel::id).containsExactly(MODEL, "mlx-community/B"))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void emptyListingBodyMeansNoModels() {
		MlxLmClient client = client(MlxLmSimulator.builder().model(MODEL).noHuggingFaceCache());
		StepVerifier.create(client.listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void serverStartedWithALocalPathIsDetectedByThatPath() {
		MlxLmClient client = client(
				MlxLmSimulator.builder().model(LOCAL).huggingFaceCache("mlx-community/A", "mlx-community/B"));
		StepVerifier.create(client.detectModel()).assertNext((detection) -> {
			assertThat(detection.modelId()).isEqualTo(LOCAL);
			assertThat(detection.source()).isEqualTo(MlxLmModelDetection.Source.LOCAL_PATH);
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void severalCachedModelsGiveAFlaggedGuess() {
		MlxLmClient client = client(
				MlxLmSimulator.builder().model(MODEL).huggingFaceCache("mlx-community/A", MODEL).shuffleModels(true));
		StepVerifier.create(client.status()).assertNext((status) -> {
			assertThat(status.connected()).isTrue();
			assertThat(status.metadata()).containsEntry("modelGuessed", true);
			assertThat(status.metadata().get("availableModels"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder("mlx-community/A", MODEL);
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void detectionNeverMakesTheServerLoadAModel() {
		MlxLmClient client = client(MlxLmSimulator.builder().model(MODEL).huggingFaceCache("mlx-community/A", MODEL));
		StepVerifier.create(client.status()).expectNextCount(1).expectComplete().verify(VERIFY);
		StepVerifier.create(client.modelInfo()).expectNextCount(1).expectComplete().verify(VERIFY);
		StepVerifier.create(client.isModelLoaded()).expectNext(true).expectComplete().verify(VERIFY);
		assertThat(this.simulator.loads()).isEmpty();
		assertThat(this.simulator.requests()).allSatisfy((request) -> assertThat(request.method()).isEqualTo("GET"));
	}

	@Test
	void unknownPathPlainTextBodyBecomesServerError() {
		this.simulator = MlxLmSimulator.builder().model(MODEL).start();
		MlxLmClient client = MlxLmClient.builder().baseUrl(this.simulator.serverUrl() + "/api/v1").build();
		StepVerifier.create(client.detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(MlxLmHttpException.class, (http) -> {
				assertThat(http.statusCode()).isEqualTo(404);
				assertThat(http.serverError()).isEqualTo("Not Found");
			}))
			.verify(VERIFY);
	}

	@Test
	void refusedConnectionIsReportedNamingTheUrl() {
		MlxLmClient client = client(MlxLmSimulator.builder().model(MODEL));
		this.simulator.faults().refuseConnections(true);
		StepVerifier.create(client.status()).assertNext((status) -> {
			assertThat(status.connected()).isFalse();
			assertThat(status.error()).contains(this.simulator.baseUrl().replace("/v1", ""));
		}).expectComplete().verify(VERIFY);
	}

}

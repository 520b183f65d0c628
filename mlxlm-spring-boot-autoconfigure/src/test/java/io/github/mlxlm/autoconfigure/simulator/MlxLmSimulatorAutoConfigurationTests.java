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

package io.github.mlxlm.autoconfigure.simulator;

import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link MlxLmSimulatorAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmSimulatorAutoConfigurationTests {

	private static final String PROPERTIES_URL = "http://localhost:8080/v1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmSimulatorAutoConfiguration.class,
				MlxLmSimulatorDependencyAutoConfiguration.class, MlxLmAutoConfiguration.class));

	@Test
	void simulatorIsNotStartedByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MlxLmSimulator.class);
			assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl()).isEqualTo(PROPERTIES_URL);
		});
	}

	@Test
	void enabledSimulatorStartsAndConnectionDetailsPointAtIt() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.base-url=http://ignored:1/v1")
			.run((context) -> {
				MlxLmSimulator simulator = context.getBean(MlxLmSimulator.class);
				assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl()).isEqualTo(simulator.baseUrl());
				StepVerifier.create(context.getBean(MlxLmClient.class).isRunning()).expectNext(true).verifyComplete();
			});
	}

	@Test
	void simulatorListensOnTheConfiguredPort() throws java.io.IOException {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.port=" + port)
			.run((context) -> assertThat(context.getBean(MlxLmSimulator.class).port()).isEqualTo(port));
	}

	@Test
	void simulatorPortOutOfRangeIsReported() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mlxlm.simulator.port"));
	}

	@Test
	void simulatorServesTheConfiguredModel() {
		this.contextRunner
			.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.model=mlx-community/Tiny")
			.run((context) -> StepVerifier.create(context.getBean(MlxLmClient.class).detectModel())
				.assertNext((detection) -> assertThat(detection.modelId()).isEqualTo("mlx-community/Tiny"))
				.verifyComplete());
	}

	@Test
	void customizersScriptTheSimulator() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true")
			.withBean(MlxLmSimulatorBuilderCustomizer.class, () -> (builder) -> builder.noHuggingFaceCache())
			.run((context) -> StepVerifier.create(context.getBean(MlxLmClient.class).listModels())
				.expectNext(java.util.List.of())
				.verifyComplete());
	}

	@Test
	void simulatorStopsWithTheContext() {
		String[] baseUrl = new String[1];
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true")
			.run((context) -> baseUrl[0] = context.getBean(MlxLmSimulator.class).baseUrl());
		MlxLmClient client = MlxLmClient.builder().baseUrl(baseUrl[0]).build();
		StepVerifier.create(client.isRunning()).expectNext(false).verifyComplete();
	}

	@Test
	void enabledSimulatorWithoutTheSimulatorOnTheClasspathFailsStartUp() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true")
			.withClassLoader(new FilteredClassLoader(MlxLmSimulator.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MlxLmSimulatorMissingException.class)
				.hasMessageContaining("io.github.mlxlm:mlxlm-server-simulator"));
	}

	@Test
	void missingSimulatorIsExplainedWithTheDependencyToAddForTestsAndForRuntime() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true")
			.withClassLoader(new FilteredClassLoader(MlxLmSimulator.class))
			.run((context) -> {
				FailureAnalysis analysis = new MlxLmSimulatorMissingFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("mlxlm.simulator.enabled is true, but the MLX-LM server"
						+ " simulator (io.github.mlxlm:mlxlm-server-simulator) is not on the class path.");
				assertThat(analysis.getAction()).contains("<groupId>io.github.mlxlm</groupId>")
					.contains("<artifactId>mlxlm-server-simulator</artifactId>")
					.contains("<scope>test</scope>")
					.contains("<scope>runtime</scope>")
					.contains("mlxlm.simulator.enabled=false");
			});
	}

	@Test
	void disabledSimulatorIsNotNeededOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MlxLmSimulator.class))
			.run((context) -> assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl())
				.isEqualTo(PROPERTIES_URL));
	}

	@Test
	void simulatorIsNotStartedWhenAnotherChatModelIsSelected() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "spring.ai.model.chat=ollama")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MlxLmSimulator.class);
				assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl()).isEqualTo(PROPERTIES_URL);
			});
	}

	@Test
	void missingSimulatorDoesNotFailStartUpWhenAnotherChatModelIsSelected() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "spring.ai.model.chat=ollama")
			.withClassLoader(new FilteredClassLoader(MlxLmSimulator.class))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startedSimulatorLogsItsUrlAndModelOnceAtInfo(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.model=mlx-community/Tiny")
			.run((context) -> {
				String line = "MlxLmSimulatorAutoConfiguration - MLX-LM server simulator started at "
						+ context.getBean(MlxLmSimulator.class).baseUrl() + " with model 'mlx-community/Tiny'";
				assertThat(output.getAll()).containsOnlyOnce(line).contains("INFO");
			});
	}

	@Test
	void negativeSimulatorSpeedFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.tokens-per-second=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThatThrownBy(() -> {
					throw context.getStartupFailure();
				}).rootCause().hasMessageContaining("mlxlm.simulator.tokens-per-second");
			});
	}

}

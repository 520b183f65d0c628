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

package io.github.mlxlm.launcher;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.health.MlxLmServerStartup;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MlxLmLauncherLifecycleManager}: real processes (the simulator's
 * command line standing in for {@code mlx_lm.server}), started through
 * {@code SpringApplication}.
 *
 * @author mlxlm developers
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmLauncherLifecycleManagerTests {

	@Test
	void startsTheServerPointsTheConnectionAtItAndStopsItWhenTheContextCloses() {
		long pid;
		try (ConfigurableApplicationContext context = LauncherTestApplication
			.run(LauncherTestApplication.launcherProperties())) {
			String baseUrl = context.getBean(MlxLmConnectionDetails.class).getBaseUrl();
			assertThat(baseUrl).startsWith("http://127.0.0.1:").endsWith("/v1").doesNotContain(":8080/");
			String answer = context.getBean(ChatClient.Builder.class).build().prompt().user("Hi").call().content();
			assertThat(answer).isNotBlank();
			pid = MlxLmLauncherTestSupport.serverPid(context);
			assertThat(MlxLmLauncherTestSupport.isAlive(pid)).isTrue();
			assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("stage", "ready")
				.containsEntry("started", true);
		}
		assertThat(MlxLmLauncherTestSupport.isAlive(pid)).as("server process after the context closed").isFalse();
	}

	@Test
	void startUpWaitsUntilTheModelGeneratesNotOnlyUntilHealthAnswers() {
		// /health answers at once; a generation waits 2 s for the model.
		try (ConfigurableApplicationContext context = LauncherTestApplication
			.run(LauncherTestApplication.launcherProperties("--startup-load-ms", "2000"))) {
			assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("stage", "ready");
		}
	}

	@Test
	void withoutWaitingHealthIsOutOfServiceWhileTheModelLoads() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties("--startup-load-ms", "3000");
		properties.put("mlxlm.launcher.readiness.wait", "never");
		try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
			MlxLmServerStartup startup = context.getBean(MlxLmServerStartup.class);
			MlxLmServerStartup.Progress progress = startup.progress();
			assertThat(progress.ready()).isFalse();
			assertThat(progress.status().getCode()).isEqualTo("OUT_OF_SERVICE");
			assertThat(MlxLmLauncherTestSupport.launcherDetails(context).get("stage")).isIn("starting", "loading");
			await().atMost(Duration.ofSeconds(20)).until(() -> startup.progress().ready());
			assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("stage", "ready");
		}
	}

	@Test
	void downloadProgressBecomesThrottledInfoLines(CapturedOutput output) {
		try (ConfigurableApplicationContext context = LauncherTestApplication
			.run(LauncherTestApplication.launcherProperties("--download-ms", "1000"))) {
			assertThat(output)
				.contains("Downloading " + LauncherTestApplication.MODEL + ": model.safetensors 50% (1.13G of 2.26G)")
				.contains("Downloading " + LauncherTestApplication.MODEL + ": model.safetensors 100% (2.26G of 2.26G)");
			assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains("Downloading " + LauncherTestApplication.MODEL))
				.count()).isLessThanOrEqualTo(12);
		}
	}

	@Test
	void forwardsTheServerLogToItsOwnLogger(CapturedOutput output) {
		try (ConfigurableApplicationContext context = LauncherTestApplication
			.run(LauncherTestApplication.launcherProperties())) {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut()
					.lines()
					.filter((line) -> line.contains("mlx_lm.server") && line.contains("Starting httpd at 127.0.0.1")))
					.singleElement()
					.asString()
					.contains("INFO"));
		}
	}

	@Test
	void startOnlyLeavesTheServerRunningAndTheNextContextReusesIt(CapturedOutput output) {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.put("mlxlm.launcher.lifecycle-management", "start-only");
		long pid;
		try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
			pid = MlxLmLauncherTestSupport.serverPid(context);
		}
		try {
			assertThat(MlxLmLauncherTestSupport.isAlive(pid)).as("server left running").isTrue();
			try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
				assertThat(MlxLmLauncherTestSupport.serverPid(context)).isEqualTo(pid);
				assertThat(context.getBean(ChatClient.Builder.class).build().prompt().user("Hi").call().content())
					.isNotBlank();
			}
			assertThat(output).contains("Reusing mlx_lm.server at");
		}
		finally {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void reusesAServerThatAlreadyServesTheModelAtTheBaseUrl(CapturedOutput output) {
		try (MlxLmSimulator server = MlxLmSimulator.builder().model(LauncherTestApplication.MODEL).start()) {
			Map<String, Object> properties = LauncherTestApplication.launcherProperties();
			properties.put("mlxlm.base-url", server.baseUrl());
			try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
				assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl()).isEqualTo(server.baseUrl());
				assertThat(context.containsBean(MlxLmLauncherLifecycleManager.CONNECTION_DETAILS_BEAN_NAME)).isFalse();
				assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("started", false)
					.containsEntry("stage", "ready");
			}
			assertThat(output).contains("Reusing mlx_lm.server at " + server.baseUrl());
		}
	}

	@Test
	void startsAnotherServerWhenTheBaseUrlServesAnotherModel() {
		try (MlxLmSimulator other = MlxLmSimulator.builder().model("mlx-community/another-model").start()) {
			Map<String, Object> properties = LauncherTestApplication.launcherProperties();
			properties.put("mlxlm.base-url", other.baseUrl());
			try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
				assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl()).isNotEqualTo(other.baseUrl());
				assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("started", true);
			}
		}
	}

	@Test
	void isSkippedInTestsByDefault() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.remove("mlxlm.launcher.skip.in-tests");
		try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
			assertThat(context.getBeansOfType(MlxLmServerStartup.class)).isEmpty();
			assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl())
				.isEqualTo("http://localhost:8080/v1");
		}
	}

	@Test
	void theSimulatorWinsOverTheLauncherWithOneInfoLine(CapturedOutput output) {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.put("mlxlm.simulator.enabled", "true");
		try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties)) {
			assertThat(context.getBeansOfType(MlxLmServerStartup.class)).isEmpty();
			assertThat(context.getBean(MlxLmConnectionDetails.class).getClass().getName()).contains("Simulator");
		}
		assertThat(output).containsOnlyOnce("mlx_lm.server is not launched: mlxlm.simulator.enabled=true");
	}

	@Test
	void aMissingCommandFailsNamingTheFix() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.put("mlxlm.launcher.command[0]", "no-such-mlx_lm.server");
		assertThatExceptionOfType(MlxLmLauncherException.class)
			.isThrownBy(() -> LauncherTestApplication.run(properties))
			.withMessageContaining("'no-such-mlx_lm.server' was not found")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("pip install mlx-lm")
				.contains("mlxlm.launcher.command")
				.contains("mlxlm.simulator.enabled=true"));
	}

	@Test
	void aServerThatExitsDuringStartUpFailsWithItsLastLinesCommandAndExitCode() {
		assertThatExceptionOfType(MlxLmLauncherException.class)
			.isThrownBy(() -> LauncherTestApplication
				.run(LauncherTestApplication.launcherProperties("--exit-on-start", "3")))
			.withMessageContaining("exited with code 3")
			.withMessageContaining("MlxLmSimulatorMain --model " + LauncherTestApplication.MODEL)
			.withMessageContaining(
					"RepositoryNotFoundError: Repository Not Found for " + LauncherTestApplication.MODEL);
	}

	@Test
	void theReadinessTimeoutSaysWhatItWaitedFor() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties("--startup-load-ms", "60000");
		properties.put("mlxlm.launcher.readiness.timeout", "2s");
		assertThatExceptionOfType(MlxLmLauncherException.class)
			.isThrownBy(() -> LauncherTestApplication.run(properties))
			.withMessageContaining("was not ready within PT2S")
			.withMessageContaining("the model to generate a token");
	}

	@Test
	void aPortInUseFails() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Map<String, Object> properties = LauncherTestApplication.launcherProperties();
			properties.put("mlxlm.launcher.port", taken.getLocalPort());
			assertThatExceptionOfType(MlxLmLauncherException.class)
				.isThrownBy(() -> LauncherTestApplication.run(properties))
				.withMessageContaining(":" + taken.getLocalPort() + ": the port is in use");
		}
	}

	@Test
	void aLoadBalancedBaseUrlIsNotLaunched() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.put("mlxlm.base-url", "lb://mlx/v1");
		assertThatExceptionOfType(MlxLmLauncherException.class)
			.isThrownBy(() -> LauncherTestApplication.run(properties))
			.withMessageContaining("the launcher starts one local server, not a fleet");
	}

	@Test
	void noModelFailsNamingTheProperty() {
		Map<String, Object> properties = LauncherTestApplication.launcherProperties();
		properties.remove("mlxlm.model");
		assertThatExceptionOfType(MlxLmLauncherException.class)
			.isThrownBy(() -> LauncherTestApplication.run(properties))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("mlxlm.model"));
	}

}

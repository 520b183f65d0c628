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

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.health.MlxLmServerStartup;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code launcher} profile: the sample starts its own server (here the simulator's
 * command line stands in for {@code mlx_lm.server}), answers through it, and stops it.
 */
class LauncherProfileTests {

	@Test
	void theLauncherProfileStartsTheServerAnswersAndStopsIt() throws URISyntaxException {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("mlxlm.launcher.skip.in-tests", "false");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				Path.of(MlxLmSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
				"io.github.mlxlm.simulator.MlxLmSimulatorMain");
		for (int i = 0; i < command.size(); i++) {
			properties.put("mlxlm.launcher.command[" + i + "]", command.get(i));
		}
		long pid;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("launcher")
			.properties(properties)
			.run()) {
			String port = context.getEnvironment().getProperty("local.server.port");
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(30))
				.build();
			client.post()
				.uri("/chat")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"message\": \"Hello\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.answer")
				.isNotEmpty();
			client.get()
				.uri("/actuator/health")
				.exchange()
				.expectBody()
				.jsonPath("$.components.mlxlm.status")
				.isEqualTo("UP")
				.jsonPath("$.components.mlxlm.details.launcher.stage")
				.isEqualTo("ready");
			@SuppressWarnings("unchecked")
			Map<String, Object> launcher = (Map<String, Object>) context.getBean(MlxLmServerStartup.class)
				.progress()
				.details()
				.get("launcher");
			pid = ((Number) launcher.get("pid")).longValue();
		}
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}

}

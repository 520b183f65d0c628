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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher on the real {@code mlx_lm.server} code (the newest release of the real
 * server kit, on numpy stand-ins for MLX, with a tiny model), found through the system
 * property {@value #HOME_PROPERTY}. Without it the tests are skipped, saying why; every
 * behaviour here is also tested on the simulator.
 *
 * @author mlxlm developers
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmLauncherRealServerTests {

	static final String HOME_PROPERTY = "real-server.home";

	private static final String MODEL = "mlx-community/tiny-random-chatml";

	private static Path home;

	@BeforeEach
	void findKit() {
		String property = System.getProperty(HOME_PROPERTY, "");
		assumeTrue(!property.isBlank(), "Skipped: no real mlx_lm.server kit (-D" + HOME_PROPERTY
				+ "=<dir> is set by .ci/LauncherTestApplication.run when the kit is there)");
		home = Path.of(property);
	}

	@Test
	void launchesTheRealServerAnswersAChatClientCallAndStopsIt(CapturedOutput output) throws IOException {
		long pid;
		try (ConfigurableApplicationContext context = LauncherTestApplication.run(properties())) {
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt()
				.user("[[peer:hello]]")
				.call()
				.content();
			assertThat(answer).isNotBlank();
			assertThat(MlxLmLauncherTestSupport.launcherDetails(context)).containsEntry("stage", "ready")
				.containsEntry("model", MODEL);
			pid = MlxLmLauncherTestSupport.serverPid(context);
		}
		assertThat(MlxLmLauncherTestSupport.isAlive(pid)).isFalse();
		assertThat(output).contains("Starting httpd at 127.0.0.1 on port").contains("generated a token");
	}

	private static Map<String, Object> properties() throws IOException {
		Map<String, Object> properties = new java.util.HashMap<>();
		properties.put("mlxlm.model", MODEL);
		properties.put("mlxlm.launcher.skip.in-tests", "false");
		properties.put("mlxlm.launcher.readiness.timeout", "60s");
		LauncherTestApplication.putList(properties, "mlxlm.launcher.command", List.of("python3", "-u",
				home.resolve("shim/run_mlx_lm_server.py").toString(), newestRelease().toString()));
		properties.put("mlxlm.launcher.environment.HF_HOME", home.resolve("hf-home").toString());
		properties.put("mlxlm.launcher.environment.HF_HUB_OFFLINE", "1");
		properties.put("mlxlm.launcher.environment.PYTHONDONTWRITEBYTECODE", "1");
		return properties;
	}

	private static Path newestRelease() throws IOException {
		try (Stream<Path> releases = Files.list(home.resolve("releases"))) {
			return releases.max(Comparator.comparing((release) -> version(release.getFileName().toString())))
				.orElseThrow();
		}
	}

	private static String version(String name) {
		// v0.32.0-d78bf58e -> 00000.00032.00000: releases sort by number, not by text.
		String[] parts = name.replaceFirst("^v", "").replaceFirst("-.*$", "").split("\\.");
		StringBuilder key = new StringBuilder();
		for (String part : parts) {
			key.append(String.format("%05d.", Integer.parseInt(part)));
		}
		return key.toString();
	}

}

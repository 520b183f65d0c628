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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MlxLmServerProcess}'s watchdog: a JVM killed with {@code kill -9}
 * leaves no server behind.
 *
 * @author mlxlm developers
 */
class MlxLmServerProcessTests {

	@Test
	void theServerIsGoneWithin5SecondsAfterTheApplicationsJvmIsKilled() throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-cp", System.getProperty("java.class.path"), LauncherTestApplication.class.getName()));
		command.addAll(LauncherTestApplication.simulatorCommand());
		Process application = new ProcessBuilder(command).redirectErrorStream(true).start();
		long serverPid = -1;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith("SERVER_PID=")) {
					serverPid = Long.parseLong(line.substring("SERVER_PID=".length()));
					break;
				}
			}
			assertThat(serverPid).as("the child application's server pid").isPositive();
			assertThat(MlxLmLauncherTestSupport.isAlive(serverPid)).isTrue();
			application.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
			long pid = serverPid;
			await().atMost(Duration.ofSeconds(5)).until(() -> !MlxLmLauncherTestSupport.isAlive(pid));
		}
		finally {
			application.destroyForcibly();
			if (serverPid > 0) {
				ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

}

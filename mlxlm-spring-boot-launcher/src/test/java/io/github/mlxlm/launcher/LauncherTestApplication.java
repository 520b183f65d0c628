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

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.simulator.MlxLmSimulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Boot application with the starter and the launcher, run as a user would run it
 * (through {@code SpringApplication}, so the launcher's listener fires), with the
 * simulator's command line standing in for {@code mlx_lm.server}.
 *
 * @author mlxlm developers
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LauncherTestApplication {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	/**
	 * Return the simulator's command line, as a stand-in for {@code mlx_lm.server}.
	 * @return java, its class path and the simulator's main class
	 */
	static List<String> simulatorCommand() {
		try {
			String classes = Path.of(MlxLmSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			return List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classes,
					"io.github.mlxlm.simulator.MlxLmSimulatorMain");
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the properties of an application whose launcher runs the simulator.
	 * @param arguments the simulator's own flags, after --model, --host and --port
	 * @return the properties
	 */
	static Map<String, Object> launcherProperties(String... arguments) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("mlxlm.model", MODEL);
		properties.put("mlxlm.launcher.skip.in-tests", "false");
		properties.put("mlxlm.launcher.readiness.timeout", "30s");
		putList(properties, "mlxlm.launcher.command", simulatorCommand());
		List<String> args = new ArrayList<>(List.of("--quiet"));
		args.addAll(List.of(arguments));
		putList(properties, "mlxlm.launcher.arguments", args);
		return properties;
	}

	static void putList(Map<String, Object> properties, String name, List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			properties.put(name + "[" + i + "]", values.get(i));
		}
	}

	static ConfigurableApplicationContext run(Map<String, Object> properties) {
		return new SpringApplicationBuilder(LauncherTestApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	/**
	 * Runs the application until the JVM is killed, printing the launched server's pid,
	 * for the test that kills this JVM with {@code kill -9}.
	 * @param args the simulator's command line
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		Map<String, Object> properties = new HashMap<>();
		properties.put("mlxlm.model", MODEL);
		properties.put("mlxlm.launcher.readiness.timeout", "30s");
		putList(properties, "mlxlm.launcher.command", List.of(args));
		properties.put("mlxlm.launcher.arguments[0]", "--quiet");
		ConfigurableApplicationContext context = run(properties);
		System.out.println("SERVER_PID=" + MlxLmLauncherTestSupport.serverPid(context));
		System.out.flush();
		Thread.currentThread().join();
	}

}

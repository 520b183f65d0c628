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

package io.github.mlxlm.sample.aot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, AOT-processed at build time ({@code process-aot}), run on the JVM
 * with {@code -Dspring.aot.enabled=true}: chat, stream, tools and health answer. Without
 * the generated initializers such a start fails at once, so a start proves they are used.
 */
class SampleAotSmokeIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Process app;

	private static Path log;

	private static String base;

	@BeforeAll
	static void startAotProcessedJar() throws IOException {
		Path jar = Paths.get(System.getProperty("sample.jar"));
		assertThat(jar).exists();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		base = "http://127.0.0.1:" + port;
		log = Files.createTempFile("sample-aot", ".log");
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		app = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--server.port=" + port, "--mlxlm.simulator.tokens-per-second=0"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(IOException.class)
			.untilAsserted(() -> {
				assertThat(app.isAlive()).as("the AOT-processed sample exited:%n%s", Files.readString(log)).isTrue();
				assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
			});
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (app != null) {
			app.destroy();
			app.waitFor();
		}
	}

	@Test
	void chatAnswers() throws Exception {
		HttpResponse<String> response = post("/chat", "{\"message\": \"Hello\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"answer\":\"This is a test!\"");
	}

	@Test
	void streamSendsEventsThenDone() throws Exception {
		HttpResponse<String> response = get("/chat/stream?message=Hello");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data:").contains("event:done");
	}

	@Test
	void toolIsCalled() throws Exception {
		HttpResponse<String> response = post("/chat/tools", "{\"message\": \"What is the weather in Oslo?\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"get_weather\"");
	}

	@Test
	void healthIsUpWithTheDetectedModel() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.body()).contains("\"status\":\"UP\"");
		assertThat(Files.readString(log)).doesNotContain("Exception");
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

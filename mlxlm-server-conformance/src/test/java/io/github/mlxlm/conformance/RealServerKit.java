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

package io.github.mlxlm.conformance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real {@code mlx_lm.server} of several mlx-lm releases on numpy stand-ins for MLX,
 * with a tiny model, found through the system property {@value #HOME_PROPERTY} (CI sets
 * it when the kit is there). Starts a release on a free loopback port, waits until it
 * answers, and stops it.
 *
 * @author mlxlm developers
 */
final class RealServerKit {

	static final String HOME_PROPERTY = "real-server.home";

	static final String MODEL = "mlx-community/tiny-random-chatml";

	private final Path home;

	private RealServerKit(Path home) {
		this.home = home;
	}

	/**
	 * Return the kit, if the tests were given one.
	 * @return the kit, or empty
	 */
	static Optional<RealServerKit> find() {
		String home = System.getProperty(HOME_PROPERTY, "");
		return home.isBlank() ? Optional.empty() : Optional.of(new RealServerKit(Path.of(home)));
	}

	static String skipReason() {
		return "no real mlx_lm.server kit: -D" + HOME_PROPERTY + "=<dir> is set by .ci/run when the kit is"
				+ " beside the checkout";
	}

	/**
	 * Return the releases, oldest first.
	 * @return the release directory names, such as {@code v0.28.4}
	 */
	List<String> releases() {
		try (Stream<Path> releases = Files.list(this.home.resolve("releases"))) {
			return releases.map((path) -> path.getFileName().toString())
				.sorted(Comparator.comparing(RealServerKit::versionKey))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list the kit's releases under " + this.home, ex);
		}
	}

	/**
	 * Return a release name as a version, such as {@code 0.32.0} for
	 * {@code v0.32.0-d78bf58e}.
	 */
	static String version(String release) {
		return release.replaceFirst("^v", "").replaceFirst("-.*$", "");
	}

	static String versionKey(String release) {
		StringBuilder key = new StringBuilder();
		for (String part : version(release).split("\\.")) {
			key.append(String.format("%05d.", Integer.parseInt(part)));
		}
		return key.toString();
	}

	/**
	 * Start a release.
	 * @param release the release directory name
	 * @param arguments more mlx_lm.server flags
	 * @return the running server
	 */
	Server start(String release, String... arguments) {
		int port = freePort();
		Path log = Path.of("target", "real-server-" + release + "-" + port + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(
				List.of("python3", "-u", this.home.resolve("shim/run_mlx_lm_server.py").toString(),
						this.home.resolve("releases").resolve(release).toString(), "--model", MODEL, "--host",
						"127.0.0.1", "--port", String.valueOf(port)));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().put("HF_HOME", this.home.resolve("hf-home").toString());
		builder.environment().put("HF_HUB_OFFLINE", "1");
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		try {
			Files.createDirectories(log.getParent());
			Process process = builder.start();
			Server server = new Server(release, port, process, log);
			server.awaitHealth();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the real server " + release, ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One running release.
	 *
	 * @param release its directory name
	 * @param port its port
	 * @param process its process
	 * @param log its log file
	 */
	record Server(String release, int port, Process process, Path log) implements AutoCloseable {

		String baseUrl() {
			return "http://127.0.0.1:" + this.port + "/v1";
		}

		String logText() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				return "";
			}
		}

		void awaitHealth() {
			HttpClient client = HttpClient.newHttpClient();
			HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health"))
				.timeout(Duration.ofSeconds(1))
				.build();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("The real server " + this.release + " exited: " + logText());
				}
				try {
					if (client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				try {
					Thread.sleep(100); // polling a starting process, not synchronising
										// tests
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
			close();
			throw new IllegalStateException(
					"The real server " + this.release + " did not answer /health: " + logText());
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}

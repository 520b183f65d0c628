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

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Configuration properties for the launcher of a local {@code mlx_lm.server}.
 * <p>
 * Bound before the application context is refreshed (the server must answer before the
 * beans that call it are created), as Boot binds {@code spring.docker.compose.*}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@ConfigurationProperties(MlxLmLauncherProperties.PREFIX)
public class MlxLmLauncherProperties {

	/**
	 * Prefix of the launcher's properties.
	 */
	public static final String PREFIX = "mlxlm.launcher";

	/**
	 * Whether to start (or reuse) a local mlx_lm.server for the application when this
	 * module is on the classpath.
	 */
	private boolean enabled = true;

	/**
	 * Command that starts the server, one list item per word: "mlx_lm.server" found on
	 * the PATH by default; "python3,-m,mlx_lm,server" or a virtualenv's
	 * "/path/to/venv/bin/mlx_lm.server" work too. The launcher adds --model, --host and
	 * --port, then the arguments.
	 */
	private List<String> command = new ArrayList<>(List.of("mlx_lm.server"));

	/**
	 * Model to start the server with (--model): a Hugging Face repo id or a local path.
	 * Blank takes mlxlm.model, so that the server runs the model the application asks
	 * for.
	 */
	private @Nullable String model;

	/**
	 * Address the server binds to (--host). Loopback by default: mlx_lm.server has no
	 * authentication.
	 */
	private String host = "127.0.0.1";

	/**
	 * Port the server listens on (--port); 0 picks a free port at each start. Set it to
	 * keep a server started with lifecycle-management=start-only findable by the next
	 * start.
	 */
	private int port;

	/**
	 * Further arguments for the server, after --model, --host and --port, such as
	 * "--prompt-cache-size,4", "--chat-template-args,{\"enable_thinking\":false}",
	 * "--adapter-path,adapters" or "--draft-model,...".
	 */
	private List<String> arguments = new ArrayList<>();

	/**
	 * Environment variables set for the server, over the application's own, such as
	 * HF_HOME (where models are downloaded) or HF_HUB_OFFLINE=1.
	 */
	private Map<String, String> environment = new LinkedHashMap<>();

	/**
	 * Working directory of the server; blank is the application's.
	 */
	private @Nullable File workingDirectory;

	/**
	 * What to do with the server over the application's life: "start-and-stop" stops the
	 * server the launcher started when the application stops (or dies), "start-only"
	 * leaves it running for the next start, "none" does nothing.
	 */
	private LifecycleManagement lifecycleManagement = LifecycleManagement.START_AND_STOP;

	private final Readiness readiness = new Readiness();

	private final Stop stop = new Stop();

	private final Skip skip = new Skip();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getCommand() {
		return this.command;
	}

	public void setCommand(List<String> command) {
		this.command = command;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public List<String> getArguments() {
		return this.arguments;
	}

	public void setArguments(List<String> arguments) {
		this.arguments = arguments;
	}

	public Map<String, String> getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(Map<String, String> environment) {
		this.environment = environment;
	}

	public @Nullable File getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(@Nullable File workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public LifecycleManagement getLifecycleManagement() {
		return this.lifecycleManagement;
	}

	public void setLifecycleManagement(LifecycleManagement lifecycleManagement) {
		this.lifecycleManagement = lifecycleManagement;
	}

	public Readiness getReadiness() {
		return this.readiness;
	}

	public Stop getStop() {
		return this.stop;
	}

	public Skip getSkip() {
		return this.skip;
	}

	/**
	 * Bind the properties from a binder, before the context exists.
	 * @param binder the binder of the application's environment
	 * @return the bound properties
	 */
	static MlxLmLauncherProperties get(Binder binder) {
		return binder.bind(PREFIX, MlxLmLauncherProperties.class).orElseGet(MlxLmLauncherProperties::new);
	}

	/**
	 * Readiness properties.
	 */
	public static class Readiness {

		/**
		 * Whether start-up waits until the server's model can generate: "always", or
		 * "never" (the application starts at once and the mlxlm health component is
		 * OUT_OF_SERVICE while the model downloads and loads).
		 */
		private Wait wait = Wait.ALWAYS;

		/**
		 * Longest wait until the server's model can generate, first download included.
		 */
		private Duration timeout = Duration.ofMinutes(10);

		public Wait getWait() {
			return this.wait;
		}

		public void setWait(Wait wait) {
			this.wait = wait;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Whether start-up waits for the server.
		 */
		public enum Wait {

			/**
			 * Start-up waits until the model can generate.
			 */
			ALWAYS,

			/**
			 * Start-up goes on at once; health reports the server's progress.
			 */
			NEVER

		}

	}

	/**
	 * Stop properties.
	 */
	public static class Stop {

		/**
		 * Time the server has to end after SIGTERM before it is killed (SIGKILL).
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Skip properties.
	 */
	public static class Skip {

		/**
		 * Whether to skip the launcher in tests (tests use the simulator).
		 */
		private boolean inTests = true;

		public boolean isInTests() {
			return this.inTests;
		}

		public void setInTests(boolean inTests) {
			this.inTests = inTests;
		}

	}

}

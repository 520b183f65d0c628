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

import java.time.Duration;
import java.util.List;

import io.github.mlxlm.api.MlxLmEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the launcher cannot give the application a server: the command is missing,
 * the server exited or did not become ready, its port is taken, or the configuration asks
 * for something the launcher does not do. Each carries the action that fixes it, which
 * {@link MlxLmLauncherFailureAnalyzer} shows.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmLauncherException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private static final String NOT_A_MAC = "On a machine without Apple Silicon, use the simulator instead:"
			+ " mlxlm.simulator.enabled=true (with mlxlm-server-simulator on the classpath), or"
			+ " mlxlm.launcher.enabled=false and mlxlm.base-url of a server elsewhere.";

	private final String action;

	MlxLmLauncherException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	static MlxLmLauncherException commandNotFound(List<String> command) {
		return new MlxLmLauncherException(
				"Cannot start mlx_lm.server: '" + command.get(0) + "' was not found (command: "
						+ String.join(" ", command) + ")",
				"Install mlx-lm (pip install mlx-lm) so that mlx_lm.server is on the PATH, or set"
						+ " mlxlm.launcher.command to the server's command (such as python3,-m,mlx_lm,server or"
						+ " /path/to/venv/bin/mlx_lm.server). " + NOT_A_MAC);
	}

	static MlxLmLauncherException exited(List<String> commandLine, int exitCode, List<String> lastLines) {
		StringBuilder message = new StringBuilder("mlx_lm.server exited with code ").append(exitCode)
			.append(" during start-up\n  command: ")
			.append(String.join(" ", commandLine))
			.append("\n  its last ")
			.append(lastLines.size())
			.append(" log lines:");
		lastLines.forEach((line) -> message.append("\n    ").append(line));
		String action = (exitCode == 127) ? "Check mlxlm.launcher.command: the shell could not run it. " + NOT_A_MAC
				: "Read the server's log above (logger mlx_lm.server) and fix what it names: the model id"
						+ " (mlxlm.launcher.model or mlxlm.model), an argument (mlxlm.launcher.arguments) or the"
						+ " environment (mlxlm.launcher.environment). " + NOT_A_MAC;
		return new MlxLmLauncherException(message.toString(), action);
	}

	static MlxLmLauncherException readinessTimeout(String model, String baseUrl, Duration timeout, String waitingFor,
			@Nullable String lastProgress) {
		return new MlxLmLauncherException(
				"mlx_lm.server at " + baseUrl + " was not ready within " + timeout + ": still waiting for " + waitingFor
						+ " (model " + model + ")" + ((lastProgress != null) ? "; last progress: " + lastProgress : ""),
				"Raise mlxlm.launcher.readiness.timeout (a first download of a large model can take many"
						+ " minutes), or download the model once beforehand (for example with"
						+ " mlx_lm.generate --model " + model + " --prompt hi), or set"
						+ " mlxlm.launcher.readiness.wait=never to start the application at once and follow"
						+ " the mlxlm health component.");
	}

	static MlxLmLauncherException cannotGenerate(String model, String baseUrl, String error) {
		return new MlxLmLauncherException(
				"mlx_lm.server at " + baseUrl + " answers but could not generate with model " + model + ": " + error,
				"Check the model id (mlxlm.launcher.model or mlxlm.model) and the server's log above (logger"
						+ " mlx_lm.server).");
	}

	static MlxLmLauncherException portInUse(String host, int port) {
		return new MlxLmLauncherException(
				"Cannot start mlx_lm.server on " + host + ":" + port
						+ ": the port is in use by something that does not serve the model",
				"Stop what listens on port " + port + ", or set mlxlm.launcher.port to another port (0 picks a"
						+ " free one).");
	}

	static MlxLmLauncherException loadBalanced(String baseUrl) {
		return new MlxLmLauncherException(
				"mlxlm.base-url is load-balanced (" + MlxLmEndpoint.masked(baseUrl)
						+ "): the launcher starts one local server, not a fleet",
				"Set mlxlm.launcher.enabled=false to use the servers behind the load-balanced URL, or remove"
						+ " mlxlm.base-url to let the launcher start a local server.");
	}

	static MlxLmLauncherException noModel() {
		return new MlxLmLauncherException("mlx_lm.server cannot be launched: no model is set",
				"Set mlxlm.model (or mlxlm.launcher.model) to a Hugging Face repo id or a local path, such as"
						+ " mlx-community/Qwen3-4B-Instruct-2507-4bit; or set mlxlm.launcher.enabled=false.");
	}

}

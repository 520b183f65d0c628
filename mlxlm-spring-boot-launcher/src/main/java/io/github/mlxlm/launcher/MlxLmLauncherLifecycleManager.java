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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mlxlm.api.MlxLmEndpoint;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException.Problem;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmModel;
import io.github.mlxlm.health.MlxLmServerStartup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Gives the application a local {@code mlx_lm.server} before its context is refreshed, in
 * the shape of Boot's {@code DockerComposeLifecycleManager}: reuse a server that already
 * serves the model, otherwise start one, wait until it is ready, point the application at
 * it through an {@link MlxLmConnectionDetails} bean, and stop it when the application
 * stops (per {@link LifecycleManagement}).
 *
 * @author mlxlm developers
 */
final class MlxLmLauncherLifecycleManager {

	private static final Log logger = LogFactory.getLog(MlxLmLauncherLifecycleManager.class);

	static final String CONNECTION_DETAILS_BEAN_NAME = "mlxLmLauncherConnectionDetails";

	static final String SERVER_STARTUP_BEAN_NAME = "mlxLmLauncherServerStartup";

	private static final String HEALTH_STATUS_CLASS = "org.springframework.boot.health.contributor.Status";

	/**
	 * Servers this JVM started, by what they were started for: a second context, or one
	 * after a devtools restart, reuses the server instead of starting another.
	 */
	private static final Map<LaunchKey, MlxLmLaunchedServer> launched = new ConcurrentHashMap<>();

	private final ConfigurableApplicationContext context;

	private final Binder binder;

	private final MlxLmLauncherProperties properties;

	MlxLmLauncherLifecycleManager(ConfigurableApplicationContext context, Binder binder,
			MlxLmLauncherProperties properties) {
		this.context = context;
		this.binder = binder;
		this.properties = properties;
	}

	void start() {
		if (Boolean.getBoolean("spring.aot.processing") || AotDetector.useGeneratedArtifacts()) {
			logger.trace("mlx_lm.server launcher skipped: AOT processing or AOT-generated artifacts");
			return;
		}
		if (!this.properties.isEnabled()) {
			logger.trace("mlx_lm.server launcher skipped: mlxlm.launcher.enabled=false");
			return;
		}
		LifecycleManagement lifecycle = this.properties.getLifecycleManagement();
		if (!lifecycle.shouldStart()) {
			logger.trace("mlx_lm.server launcher skipped: lifecycle management is none");
			return;
		}
		if (MlxLmLauncherSkipCheck.shouldSkip(this.properties.getSkip())) {
			logger.trace("mlx_lm.server launcher skipped in a test (mlxlm.launcher.skip.in-tests=true)");
			return;
		}
		if (this.binder.bind("mlxlm.simulator.enabled", Boolean.class).orElse(false)) {
			logger.info("mlx_lm.server is not launched: mlxlm.simulator.enabled=true, so the embedded simulator"
					+ " answers (the simulator wins over mlxlm.launcher)");
			return;
		}
		String selected = this.binder.bind("spring.ai.model.chat", String.class).orElse("mlxlm");
		if (!"mlxlm".equals(selected)) {
			logger.debug("mlx_lm.server is not launched: spring.ai.model.chat=" + selected);
			return;
		}
		String configuredBaseUrl = this.binder.bind("mlxlm.base-url", String.class).orElse(null);
		if (MlxLmEndpoint.isLoadBalanced(configuredBaseUrl)) {
			throw MlxLmLauncherException.loadBalanced(configuredBaseUrl);
		}
		String model = model();
		validate();
		MlxLmLaunchedServer server = reuseOrStart(model, configuredBaseUrl, lifecycle);
		register(server, configuredBaseUrl);
	}

	private String model() {
		String model = this.properties.getModel();
		if (!StringUtils.hasText(model)) {
			model = this.binder.bind("mlxlm.model", String.class).orElse(null);
		}
		if (!StringUtils.hasText(model)) {
			throw MlxLmLauncherException.noModel();
		}
		return model.strip();
	}

	private void validate() {
		List<Problem> problems = new ArrayList<>();
		if (this.properties.getCommand().isEmpty() || !StringUtils.hasText(this.properties.getCommand().get(0))) {
			problems.add(Problem.of("launcher.command", this.properties.getCommand(), "it names no program",
					"the server's command, such as mlx_lm.server or python3,-m,mlx_lm,server"));
		}
		if (this.properties.getPort() < 0 || this.properties.getPort() > 65535) {
			problems.add(Problem.of("launcher.port", this.properties.getPort(), "it is no port",
					"0 (a free port) or a port from 1 to 65535"));
		}
		if (!isPositive(this.properties.getReadiness().getTimeout())) {
			problems.add(Problem.of("launcher.readiness.timeout", this.properties.getReadiness().getTimeout(),
					"it must be positive", "a duration such as 10m"));
		}
		if (!isPositive(this.properties.getStop().getTimeout())) {
			problems.add(Problem.of("launcher.stop.timeout", this.properties.getStop().getTimeout(),
					"it must be positive", "a duration such as 10s"));
		}
		File workingDirectory = this.properties.getWorkingDirectory();
		if (workingDirectory != null && !workingDirectory.isDirectory()) {
			problems.add(Problem.of("launcher.working-directory", workingDirectory, "it is not a directory",
					"an existing directory, or nothing for the application's"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidMlxLmPropertyException(problems);
		}
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private MlxLmLaunchedServer reuseOrStart(String model, @Nullable String configuredBaseUrl,
			LifecycleManagement lifecycle) {
		LaunchKey key = new LaunchKey(this.properties.getCommand(), model, this.properties.getHost(),
				this.properties.getPort(), this.properties.getArguments(), this.properties.getEnvironment());
		MlxLmLaunchedServer earlier = launched.get(key);
		if (earlier != null && earlier.isAlive()) {
			logger.info("Reusing mlx_lm.server at " + earlier.baseUrl() + " (model " + model
					+ "), started earlier by this JVM");
			earlier.acquire();
			return earlier;
		}
		if (configuredBaseUrl != null && serves(configuredBaseUrl, model)) {
			logger.info("Reusing mlx_lm.server at " + MlxLmEndpoint.masked(configuredBaseUrl)
					+ " (mlxlm.base-url): it serves model " + model);
			return ready(new MlxLmLaunchedServer(configuredBaseUrl, model, null));
		}
		String host = this.properties.getHost();
		int port = this.properties.getPort();
		if (port != 0) {
			String url = baseUrl(host, port);
			if (serves(url, model)) {
				logger.info("Reusing mlx_lm.server at " + url + " (mlxlm.launcher.port): it serves model " + model);
				return ready(new MlxLmLaunchedServer(url, model, null));
			}
			if (!isFree(host, port)) {
				throw MlxLmLauncherException.portInUse(host, port);
			}
		}
		else {
			port = freePort(host);
		}
		MlxLmLaunchedServer server = launch(model, host, port, lifecycle);
		launched.put(key, server);
		server.acquire();
		return ready(server);
	}

	private MlxLmLaunchedServer launch(String model, String host, int port, LifecycleManagement lifecycle) {
		List<String> command = this.properties.getCommand();
		if (!isExecutable(command.get(0))) {
			throw MlxLmLauncherException.commandNotFound(command);
		}
		List<String> commandLine = new ArrayList<>(command);
		commandLine.addAll(List.of("--model", model, "--host", host, "--port", String.valueOf(port)));
		commandLine.addAll(this.properties.getArguments());
		Path logFile = Path.of(System.getProperty("java.io.tmpdir"), "mlxlm-launcher",
				"mlx_lm.server-" + port + ".log");
		logger.info("Starting mlx_lm.server for model " + model + " on " + host + ":" + port + " ("
				+ lifecycle.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): "
				+ String.join(" ", commandLine) + (lifecycle.shouldStop() ? "" : "; its log: " + logFile));
		MlxLmServerProcess process = MlxLmServerProcess.start(commandLine, this.properties.getEnvironment(),
				this.properties.getWorkingDirectory(), lifecycle, this.properties.getStop().getTimeout(), logFile,
				new MlxLmServerOutput(model));
		return new MlxLmLaunchedServer(baseUrl(host, port), model, process);
	}

	private MlxLmLaunchedServer ready(MlxLmLaunchedServer server) {
		Duration timeout = this.properties.getReadiness().getTimeout();
		long start = System.nanoTime();
		var readiness = MlxLmServerReadinessCheck.waitUntilReady(server, timeout)
			.doOnSuccess((done) -> logger.info("mlx_lm.server at " + MlxLmEndpoint.masked(server.baseUrl())
					+ " is ready: model " + server.model() + " generated a token ("
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)"));
		if (this.properties.getReadiness().getWait() == MlxLmLauncherProperties.Readiness.Wait.NEVER) {
			readiness.subscribe(null, (ex) -> {
				String message = String.valueOf(ex.getMessage());
				server.failed(message);
				logger.error(message);
			});
			return server;
		}
		try {
			readiness.block();
		}
		catch (MlxLmLauncherException ex) {
			stopStarted(server);
			throw ex;
		}
		return server;
	}

	private void stopStarted(MlxLmLaunchedServer server) {
		MlxLmServerProcess process = server.process();
		if (process != null) {
			launched.values().remove(server);
			process.stop();
		}
	}

	private void register(MlxLmLaunchedServer server, @Nullable String configuredBaseUrl) {
		BeanDefinitionRegistry registry = (BeanDefinitionRegistry) this.context.getBeanFactory();
		if (!server.baseUrl().equals(configuredBaseUrl)) {
			// The user's properties stay as written; the connection points at the server.
			String baseUrl = server.baseUrl();
			registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN_NAME,
					new RootBeanDefinition(MlxLmConnectionDetails.class, () -> new LauncherConnectionDetails(baseUrl)));
		}
		if (ClassUtils.isPresent(HEALTH_STATUS_CLASS, this.context.getClassLoader())) {
			registry.registerBeanDefinition(SERVER_STARTUP_BEAN_NAME,
					new RootBeanDefinition(MlxLmServerStartup.class, () -> new MlxLmLauncherServerStartup(server)));
		}
		if (server.process() != null) {
			ConfigurableApplicationContext context = this.context;
			if (!isDevToolsPresent()) {
				context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
					if (event.getApplicationContext() == context) {
						release(server);
					}
				});
			}
			// The JVM's orderly exit also stops it (the watchdog covers a JVM that dies).
			SpringApplication.getShutdownHandlers().add(() -> release(server));
		}
	}

	private void release(MlxLmLaunchedServer server) {
		MlxLmServerProcess process = server.process();
		if (process == null || !server.release()) {
			return;
		}
		if (!this.properties.getLifecycleManagement().shouldStop()) {
			process.unfollow();
			return;
		}
		logger.info("Stopping mlx_lm.server (pid " + process.pid() + ") at " + server.baseUrl());
		stopStarted(server);
	}

	/**
	 * With devtools a restart closes the context and starts another in the same JVM: the
	 * server is kept for it (the restarted context reuses it) and stopped when the JVM
	 * exits, as Boot keeps Docker Compose services.
	 * @return whether devtools is on the class path
	 */
	private boolean isDevToolsPresent() {
		return ClassUtils.isPresent("org.springframework.boot.devtools.restart.Restarter",
				this.context.getClassLoader());
	}

	private static boolean serves(String baseUrl, String model) {
		MlxLmClient client = MlxLmClient.builder()
			.baseUrl(baseUrl)
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(Duration.ofSeconds(5))
			.build();
		Boolean running = client.isRunning().block();
		if (!Boolean.TRUE.equals(running)) {
			return false;
		}
		List<MlxLmModel> models = client.listModels().block();
		return models != null && models.stream().anyMatch((listed) -> model.equals(listed.id()));
	}

	private static String baseUrl(String host, int port) {
		String address = host.contains(":") ? "[" + host + "]" : host;
		return "http://" + address + ":" + port + "/v1";
	}

	private static boolean isFree(String host, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort(String host) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on " + host + " for mlx_lm.server", ex);
		}
	}

	private boolean isExecutable(String program) {
		File workingDirectory = this.properties.getWorkingDirectory();
		if (program.contains(File.separator)) {
			Path path = Path.of(program);
			if (!path.isAbsolute() && workingDirectory != null) {
				path = workingDirectory.toPath().resolve(path);
			}
			return Files.isExecutable(path);
		}
		String path = this.properties.getEnvironment().getOrDefault("PATH", System.getenv("PATH"));
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What a server was started for.
	 */
	private record LaunchKey(List<String> command, String model, String host, int port, List<String> arguments,
			Map<String, String> environment) {

		LaunchKey {
			command = List.copyOf(command);
			arguments = List.copyOf(arguments);
			environment = Map.copyOf(environment);
		}

	}

	/**
	 * Connection details of the server the launcher gave the application.
	 *
	 * @param getBaseUrl its base URL
	 */
	record LauncherConnectionDetails(String getBaseUrl) implements MlxLmConnectionDetails {

	}

}

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

package io.github.mlxlm.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.client.MlxLmClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Loads and initializes, on a background thread while the application starts, what the
 * first call to mlx_lm.server needs: Reactor Netty's event loops and resolver, then a
 * model listing, a chat call and a chat stream through the starter's own classes, over
 * real connections to a loopback server of its own
 * ({@link MlxLmPreinitializationServer}). The first real call then costs little more than
 * any other, and no server of the application is connected to at start-up. Like Spring
 * Boot's own background pre-initializer, it runs only on a machine with more than one
 * core and is switched off by the system property {@value #IGNORE}.
 *
 * @author mlxlm developers
 */
class MlxLmBackgroundPreinitializer implements ApplicationListener<SpringApplicationEvent>, Ordered {

	/**
	 * Spring Boot's switch for background pre-initialization, honoured here too.
	 */
	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	private static final AtomicBoolean startedInThisJvm = new AtomicBoolean();

	private static final String MODELS = "{\"object\": \"list\", \"data\": [{\"id\": \"m\", \"object\": \"model\", "
			+ "\"created\": 0}]}";

	private static final String CHUNK = "{\"id\": \"chatcmpl-0\", \"system_fingerprint\": \"0.0.0-0.0.0\", "
			+ "\"object\": \"chat.completion.chunk\", \"model\": \"default_model\", \"created\": 0, \"choices\": "
			+ "[{\"index\": 0, \"finish_reason\": \"stop\", \"delta\": {\"role\": \"assistant\", \"content\": \"x\", "
			+ "\"reasoning\": \"y\", \"tool_calls\": [{\"index\": 0, \"id\": \"0\", \"type\": \"function\", "
			+ "\"function\": {\"name\": \"f\", \"arguments\": \"{}\"}}]}}], \"usage\": {\"prompt_tokens\": 1, "
			+ "\"completion_tokens\": 1, \"total_tokens\": 2, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";

	private static final String STREAM = ": keepalive 0/1\n\ndata: " + CHUNK + "\n\ndata: [DONE]\n\n";

	private final AtomicBoolean started;

	private final Consumer<Runnable> starter;

	MlxLmBackgroundPreinitializer() {
		this(startedInThisJvm, MlxLmBackgroundPreinitializer::startDaemon);
	}

	MlxLmBackgroundPreinitializer(AtomicBoolean started, Consumer<Runnable> starter) {
		this.started = started;
		this.starter = starter;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent && !Boolean.getBoolean(IGNORE)
				&& Runtime.getRuntime().availableProcessors() > 1 && this.started.compareAndSet(false, true)) {
			this.starter.accept(MlxLmBackgroundPreinitializer::preinitialize);
		}
	}

	private static void startDaemon(Runnable work) {
		Thread thread = new Thread(work, "mlxlm-background-preinit");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Run every step.
	 * @return what failed (nothing, normally); a failure only costs the head start
	 */
	static List<Throwable> preinitialize() {
		List<Throwable> failures = new ArrayList<>();
		run(failures, () -> HttpClient.create(ConnectionProvider.newConnection()).warmup().block());
		// The client's and the chat model's own paths, over real connections to a
		// loopback server of the pre-initializer's own: no connection is opened to any
		// server of the application.
		try (MlxLmPreinitializationServer server = MlxLmPreinitializationServer.start(MODELS, STREAM)) {
			MlxLmClient client = new MlxLmClient(
					new MlxLmApi(MlxLmConnection.of(server.baseUrl()), WebClient::builder));
			run(failures, () -> client.listModels().block());
			if (ClassUtils.isPresent("org.springframework.ai.chat.model.ChatModel",
					MlxLmBackgroundPreinitializer.class.getClassLoader())) {
				run(failures, () -> MlxLmChatPreinitialization.run(client));
			}
			client.api().close();
		}
		catch (IOException ex) {
			failures.add(ex);
		}
		return failures;
	}

	private static void run(List<Throwable> failures, Runnable step) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			// Only a head start: whatever fails here is done again, and reported, on
			// first use.
			failures.add(ex);
		}
	}

}

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

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmCompletionOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Sends one 1-token text completion once the application is ready, so that the model is
 * resident before the first user request ({@code mlxlm.warm-up=true}).
 * <p>
 * The request runs in the background: it never delays or fails start-up. It sends the
 * configured model or {@code "default_model"}, never a detected id. Its duration is
 * logged at INFO, a failure at WARN with the URL.
 *
 * @author mlxlm developers
 */
class MlxLmWarmUp implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(MlxLmWarmUp.class);

	private final MlxLmClient client;

	private volatile Disposable running = () -> {
	};

	/**
	 * Create a warm-up.
	 * @param client the client to send the request with
	 */
	MlxLmWarmUp(MlxLmClient client) {
		this.client = client;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// Off the event thread: even building the first connection must not delay
		// readiness.
		this.running = warmUp().subscribeOn(Schedulers.boundedElastic()).subscribe();
	}

	/**
	 * Return the warm-up request; subscribing sends it. Never errors: a failure is
	 * logged.
	 * @return a {@code Mono} that completes once the request ended
	 */
	Mono<Void> warmUp() {
		String model = (this.client.configuredModel() != null) ? this.client.configuredModel()
				: MlxLmClient.DEFAULT_MODEL;
		String url = this.client.endpoint().resolve("completions").toString();
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.client.complete("Hello", MlxLmCompletionOptions.builder().maxTokens(1).build())
				.doOnNext((completion) -> logger.info("MLX-LM warm-up of model '" + model + "' at " + url + " took "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms"))
				.then()
				.onErrorResume((ex) -> {
					logger.warn("MLX-LM warm-up of model '" + model + "' at " + url + " failed: " + ex.getMessage());
					return Mono.empty();
				});
		});
	}

	@Override
	public void destroy() {
		this.running.dispose();
	}

}

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

import io.github.mlxlm.api.MlxLmApi;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Ends the application's calls and streams to the server in step with Boot's graceful
 * shutdown. It stops just before the web server's graceful shutdown phase: new calls are
 * refused at once with {@code SHUTDOWN}, the calls in flight get the grace period to
 * finish, and those still running then end with {@code SHUTDOWN}, while the web server
 * can still answer them (an error event on a stream, a 503 on a call). Without it a
 * stream that waits on the model keeps the web server's graceful shutdown waiting for its
 * whole timeout, and is then cut without a word.
 *
 * @author mlxlm developers
 */
class MlxLmGracefulShutdown implements SmartLifecycle {

	/**
	 * One above Boot's {@code WebServerGracefulShutdownLifecycle} phase
	 * ({@code DEFAULT_PHASE - 1024}): lifecycles stop from the highest phase down, so
	 * this one stops first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 + 1;

	private static final Log logger = LogFactory.getLog(MlxLmGracefulShutdown.class);

	private static final Duration POLL = Duration.ofMillis(50);

	private final MlxLmApi api;

	private final Duration gracePeriod;

	private volatile boolean running;

	MlxLmGracefulShutdown(MlxLmApi api, Duration gracePeriod) {
		this.api = api;
		this.gracePeriod = gracePeriod;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.api.drain();
		this.api.close();
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.api.drain();
		if (this.api.inFlight() == 0 || this.gracePeriod.isZero()) {
			this.api.close();
			callback.run();
			return;
		}
		logger.info("Waiting up to " + this.gracePeriod.toMillis() + " ms for " + this.api.inFlight()
				+ " MLX-LM calls in flight (mlxlm.shutdown.grace-period)");
		Flux.interval(POLL).takeUntil((tick) -> this.api.inFlight() == 0).take(this.gracePeriod).doFinally((signal) -> {
			int ended = this.api.inFlight();
			this.api.close();
			if (ended > 0) {
				logger.info("Ended " + ended + " MLX-LM calls still in flight after the grace period (SHUTDOWN)");
			}
			callback.run();
		}).subscribe();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

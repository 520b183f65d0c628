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

import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Waits until a server's model can generate, not merely until {@code /health} answers:
 * the real server answers {@code /health} while its model downloads or loads. First
 * {@code /health} is polled, then the starter's generation probe (one token from
 * {@code default_model}, the model the server was started with) waits for the model, all
 * within the readiness timeout; a server that exits meanwhile ends the wait at once.
 *
 * @author mlxlm developers
 */
final class MlxLmServerReadinessCheck {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private MlxLmServerReadinessCheck() {
	}

	/**
	 * Wait for a server.
	 * @param server the server
	 * @param timeout the longest wait
	 * @return completes once the server generated a token; errors with an
	 * {@link MlxLmLauncherException} otherwise
	 */
	static Mono<Void> waitUntilReady(MlxLmLaunchedServer server, Duration timeout) {
		// The probe's silence may last as long as a first download.
		MlxLmClient client = MlxLmClient.builder()
			.baseUrl(server.baseUrl())
			.connectTimeout(Duration.ofSeconds(2))
			.readTimeout(timeout)
			.build();
		long start = System.nanoTime();
		Mono<Void> answered = client.isRunning()
			.filter(Boolean::booleanValue)
			.repeatWhenEmpty(Integer.MAX_VALUE, (empty) -> empty.delayElements(POLL_INTERVAL))
			.doOnNext((running) -> server.answered())
			.then();
		Mono<Void> generates = Mono
			.defer(() -> client.probeGeneration(remaining(timeout, start))
				.onErrorMap((ex) -> !(ex instanceof MlxLmLauncherException),
						(ex) -> MlxLmLauncherException.cannotGenerate(server.model(), server.baseUrl(),
								String.valueOf(ex.getMessage()))))
			.then();
		Mono<Void> ready = answered.then(generates)
			.timeout(timeout,
					Mono.error(() -> MlxLmLauncherException.readinessTimeout(server.model(), server.baseUrl(), timeout,
							waitingFor(server), lastProgress(server))))
			.doOnSuccess((done) -> server.ready());
		MlxLmServerProcess process = server.process();
		if (process == null) {
			return ready;
		}
		Mono<Void> exited = Mono.fromFuture(process.onExit(), true)
			.flatMap((exitCode) -> Mono.error(() -> MlxLmLauncherException.exited(process.commandLine(), exitCode,
					process.awaitOutput().lastLines())));
		return Mono.firstWithSignal(ready, exited);
	}

	private static Duration remaining(Duration timeout, long start) {
		Duration left = timeout.minusNanos(System.nanoTime() - start);
		return (left.isNegative() || left.isZero()) ? Duration.ofMillis(1) : left;
	}

	private static String waitingFor(MlxLmLaunchedServer server) {
		return switch (server.stage()) {
			case DOWNLOADING -> "the model's download to finish";
			case LOADING -> "the model to generate a token (it answers /health)";
			default -> "the server to answer GET /health";
		};
	}

	private static @Nullable String lastProgress(MlxLmLaunchedServer server) {
		DownloadProgress progress = server.progress();
		return (progress != null) ? progress.toString() : null;
	}

}

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

package io.github.mlxlm.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmServerIdentity;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmServerStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link ReactiveHealthIndicator} for an MLX-LM server.
 * <p>
 * UP when the server's {@code /health} answers 200, with the details {@code baseUrl},
 * {@code providerType}, {@code status}, {@code model} (when one can be named),
 * {@code modelGuessed} and {@code availableModels}, and {@code serverVersion} and
 * {@code mlxVersion} once a completion reply told them ({@code system_fingerprint}). DOWN
 * with {@code baseUrl}, {@code providerType} and an {@code error} naming the URL when the
 * server is unreachable, too slow, or answers with an error status. The whole check,
 * model listing included, ends within the given timeout.
 * <p>
 * OUT_OF_SERVICE, with {@code modelAvailable=false} and a {@code modelNote}, when the
 * configured model ({@code mlxlm.model}, a repo id) is not in the server's listing: the
 * first request would make the server download it, or fail with 404 offline.
 * <p>
 * With the liveness probe (the default), UP means the process is alive, not that a model
 * is ready: the server answers {@code /health} while a model loads, after a model failed
 * to load, and while its generation thread is dead. With the generation probe, the
 * indicator also asks for a 1-token completion (the configured model or
 * {@code default_model}, never another id) in parallel with {@code /health}, both within
 * the timeout; a hang or an error status makes it DOWN with the details
 * {@code failedStep} ({@code health} or {@code generation}), {@code elapsed} and
 * {@code error}. The generation probe's result is reused for the cache time-to-live, so
 * frequent polls do not load the server.
 *
 * @author MLX-LM starter contributors
 */
public class MlxLmHealthIndicator extends AbstractReactiveHealthIndicator {

	private final MlxLmClient client;

	private final Duration timeout;

	private final @Nullable Mono<ProbeResult> generationProbe;

	private final @Nullable MlxLmServerStartup startup;

	/**
	 * Create a new liveness-only indicator.
	 * @param client the client to check the server with
	 * @param timeout the longest the whole check may take
	 */
	public MlxLmHealthIndicator(MlxLmClient client, Duration timeout) {
		this(client, timeout, false, Duration.ZERO);
	}

	/**
	 * Create a new indicator.
	 * @param client the client to check the server with
	 * @param timeout the longest the whole check may take
	 * @param probeGeneration whether to also ask for a 1-token completion
	 * @param cacheTtl how long a generation probe's result is reused; zero probes on
	 * every check
	 */
	public MlxLmHealthIndicator(MlxLmClient client, Duration timeout, boolean probeGeneration, Duration cacheTtl) {
		this(client, timeout, probeGeneration, cacheTtl, null);
	}

	/**
	 * Create a new indicator that asks what started the server first.
	 * @param client the client to check the server with
	 * @param timeout the longest the whole check may take
	 * @param probeGeneration whether to also ask for a 1-token completion
	 * @param cacheTtl how long a generation probe's result is reused; zero probes on
	 * every check
	 * @param startup what started the server, reported while it is not ready, or
	 * {@code null}
	 */
	public MlxLmHealthIndicator(MlxLmClient client, Duration timeout, boolean probeGeneration, Duration cacheTtl,
			@Nullable MlxLmServerStartup startup) {
		super("MLX-LM health check failed");
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(cacheTtl != null && !cacheTtl.isNegative(), "'cacheTtl' must not be negative");
		this.client = client;
		this.timeout = timeout;
		this.generationProbe = probeGeneration ? probe(client, timeout, cacheTtl) : null;
		this.startup = startup;
	}

	private static Mono<ProbeResult> probe(MlxLmClient client, Duration timeout, Duration cacheTtl) {
		Mono<ProbeResult> probe = Mono.defer(() -> {
			long start = System.nanoTime();
			return client.probeGeneration(timeout)
				.map((elapsed) -> new ProbeResult(elapsed, null))
				.onErrorResume((ex) -> Mono.just(new ProbeResult(Duration.ofNanos(System.nanoTime() - start),
						(ex instanceof MlxLmException) ? ex.getMessage() : String.valueOf(ex))));
		});
		// Concurrent checks share one probe in flight; the result is reused for cacheTtl.
		return cacheTtl.isZero() ? probe : probe.cache(cacheTtl);
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.defer(() -> {
			if (this.startup != null) {
				MlxLmServerStartup.Progress progress = this.startup.progress();
				builder.withDetails(progress.details());
				if (!progress.ready()) {
					// Not asked yet: a server that downloads or loads its model would
					// keep the check waiting, and it is not ready whatever it answers.
					return Mono.just(builder.status(progress.status())
						.withDetail("baseUrl", this.client.endpoint().baseUrl().toString())
						.withDetail("providerType", MlxLmClient.PROVIDER_TYPE)
						.build());
				}
			}
			long start = System.nanoTime();
			Mono<Timed> liveness = this.client.status(this.timeout)
				.map((status) -> new Timed(status, Duration.ofNanos(System.nanoTime() - start)));
			Mono<ProbeResult> generationProbe = this.generationProbe;
			if (generationProbe == null) {
				return liveness.map((timed) -> health(builder, timed, null));
			}
			// /health first; the probe gets what is left of the timeout, so that the
			// whole check stays within it (a cached result answers at once).
			return liveness.flatMap((timed) -> {
				if (!timed.status().connected()) {
					return Mono.just(health(builder, timed, null));
				}
				Duration left = this.timeout.minus(timed.elapsed());
				Duration remaining = (left.isNegative() || left.isZero()) ? Duration.ofMillis(1) : left;
				return generationProbe
					.timeout(remaining,
							Mono.fromSupplier(() -> new ProbeResult(this.timeout,
									"MLX-LM server at " + this.client.endpoint().baseUrl()
											+ " did not generate a token within " + this.timeout.toMillis()
											+ "ms (a hung generation thread or a model still loading)")))
					.map((probe) -> health(builder, timed, probe));
			});
		});
	}

	private Health health(Health.Builder builder, Timed timed, @Nullable ProbeResult probe) {
		MlxLmServerStatus status = timed.status();
		builder.withDetail("baseUrl", status.baseUrl()).withDetail("providerType", status.providerType());
		if (this.generationProbe != null) {
			builder.withDetail("probe", "generation");
		}
		if (!status.connected()) {
			builder.down();
			if (this.generationProbe != null) {
				builder.withDetail("failedStep", "health").withDetail("elapsed", format(timed.elapsed()));
			}
			if (status.error() != null) {
				builder.withDetail("error", status.error());
			}
			return builder.build();
		}
		if (probe != null && probe.error() != null) {
			return builder.down()
				.withDetail("failedStep", "generation")
				.withDetail("elapsed", format(probe.elapsed()))
				.withDetail("error", probe.error())
				.build();
		}
		if (probe != null) {
			builder.withDetail("generation", "ok in " + format(probe.elapsed()));
		}
		builder.up();
		Map<String, Object> metadata = status.metadata();
		putIfPresent(builder, "status", metadata.get("status"));
		putIfPresent(builder, "model", status.modelId());
		putIfPresent(builder, "modelGuessed", metadata.get("modelGuessed"));
		putIfPresent(builder, "availableModels", metadata.get("availableModels"));
		MlxLmServerIdentity identity = this.client.serverIdentity();
		if (identity != null) {
			builder.withDetail("serverVersion", identity.serverVersion())
				.withDetail("mlxVersion", identity.mlxVersion());
		}
		// Alive but the listing failed: still UP (the process answers), and the reason
		// is shown.
		putIfPresent(builder, "error", status.error());
		String configured = this.client.configuredModel();
		if (configured != null && status.error() == null && !isLocalPath(configured)
				&& metadata.get("availableModels") instanceof List<?> listed) {
			boolean available = listed.contains(configured);
			builder.withDetail("modelAvailable", available);
			if (!available) {
				// Not an error yet, but not ready: keep a readiness probe out.
				builder.status(Status.OUT_OF_SERVICE)
					.withDetail("modelNote", "model " + configured + " is not on the server (not in its Hugging Face"
							+ " cache): the first request makes the server download and load it, or fails with 404"
							+ " when the server is offline (HF_HUB_OFFLINE)");
			}
		}
		return builder.build();
	}

	private static boolean isLocalPath(String model) {
		return model.startsWith("/") || model.startsWith(".") || model.startsWith("~");
	}

	private static String format(Duration duration) {
		return duration.toMillis() + "ms";
	}

	private static void putIfPresent(Health.Builder builder, String key, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(key, value);
		}
	}

	private record Timed(MlxLmServerStatus status, Duration elapsed) {
	}

	private record ProbeResult(Duration elapsed, @Nullable String error) {
	}

}

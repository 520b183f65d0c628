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

package io.github.mlxlm.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmEndpoint;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmHttpException;
import io.github.mlxlm.api.MlxLmResponseException;
import io.github.mlxlm.api.MlxLmServerIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reactive client for an MLX-LM server ({@code mlx_lm.server}): liveness, the model
 * listing, MLX-aware model detection, text completions and a generation probe, over
 * {@link MlxLmApi}.
 * <p>
 * Listing, liveness and detection are GETs, so they can never make the server load a
 * model; completions and the probe send the configured model or {@code default_model},
 * never a detected id. The api key, when set, never appears in logs, exception messages,
 * statuses or {@link #toString()}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmClient {

	/**
	 * The {@link MlxLmServerStatus#providerType() provider type} of every status.
	 */
	public static final String PROVIDER_TYPE = "mlxlm";

	/**
	 * Model id that makes the server use the model it was started with.
	 */
	public static final String DEFAULT_MODEL = MlxLmConnection.DEFAULT_MODEL;

	private static final Log logger = LogFactory.getLog(MlxLmClient.class);

	private final MlxLmApi api;

	/**
	 * Create a client over the wire to one server.
	 * @param api the wire
	 */
	public MlxLmClient(MlxLmApi api) {
		Assert.notNull(api, "'api' must not be null");
		this.api = api;
	}

	/**
	 * Start building a client with its own wire.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the wire this client uses.
	 * @return the api
	 */
	public MlxLmApi api() {
		return this.api;
	}

	/**
	 * Return where the server listens.
	 * @return the endpoint
	 */
	public MlxLmEndpoint endpoint() {
		return this.api.connection().endpoint();
	}

	/**
	 * Return the configured model id, or {@code null} when requests should use the
	 * server's own {@code --model}.
	 * @return the configured model id, or {@code null}
	 */
	public @Nullable String configuredModel() {
		return this.api.connection().model();
	}

	/**
	 * List the models the server offers ({@code GET <baseUrl>/models}): its Hugging Face
	 * cache in random order, then its own {@code --model} if that is a local path. A 200
	 * reply with an empty body (a server without a Hugging Face cache) gives an empty
	 * list.
	 * @return the models; an empty list when the call fails (logged at WARN with the
	 * URL); never an error
	 */
	public Mono<List<MlxLmModel>> listModels() {
		return fetchModels().onErrorResume((ex) -> {
			logger.warn("Could not list MLX-LM models: " + ex.getMessage());
			return Mono.just(List.of());
		});
	}

	/**
	 * Check whether the server process is alive: {@code GET <serverRoot>/health} answers
	 * 200.
	 * <p>
	 * The server answers 200 while a model loads and after a model failed to load, so
	 * this says nothing about the model.
	 * @return {@code true} on a 200 reply; {@code false} on any other reply or failure;
	 * never an error
	 */
	public Mono<Boolean> isRunning() {
		return fetchHealth().map((status) -> true).onErrorResume((ex) -> {
			logDebug("MLX-LM server is not running: " + ex.getMessage());
			return Mono.just(false);
		});
	}

	/**
	 * Check whether the server is alive and a model can be named for requests.
	 * <p>
	 * The server has no "loaded model" signal and {@code /v1/models} is a cache listing,
	 * so this answers {@code true} when {@link #isRunning()} is {@code true} and
	 * {@link #detectModel()} names a model (the configured one, or one from the listing).
	 * It cannot prove the model is resident in memory, and it never asks the server to
	 * load one.
	 * @return whether the server is alive and a model can be named; {@code false} on any
	 * failure; never an error
	 */
	public Mono<Boolean> isModelLoaded() {
		return fetchHealth().flatMap((status) -> detectModel().hasElement()).onErrorResume((ex) -> {
			logDebug("No MLX-LM model available: " + ex.getMessage());
			return Mono.just(false);
		});
	}

	/**
	 * Return the listing entry of the {@link #detectModel() detected} model.
	 * @return the entry; empty when no model is detected, when the call fails, or when
	 * the configured model is not in the listing (the server can still serve it,
	 * downloading it first); never an error
	 */
	public Mono<MlxLmModel> modelInfo() {
		return listModels().flatMap((models) -> {
			MlxLmModelDetection detection = detect(models);
			if (detection == null) {
				return Mono.empty();
			}
			return Mono.justOrEmpty(models.stream().filter((m) -> m.id().equals(detection.modelId())).findFirst());
		});
	}

	/**
	 * Name the model that requests are expected to use, without ever causing a model
	 * load.
	 * <p>
	 * In order: the configured model (answered without calling the server); else the
	 * listing's local-path entry (the server's own {@code --model} when it is a path);
	 * else the listing's only entry; else its first entry, marked as a
	 * {@link MlxLmModelDetection#guessed() guess} because the listing is in random order.
	 * Never send a guessed id to the server: any id other than the one it started with
	 * makes it load that model.
	 * @return the detection; empty when no model is configured and the server lists none;
	 * errors with {@link MlxLmConnectionException}, {@link MlxLmHttpException} or
	 * {@link MlxLmResponseException} when the listing fails
	 */
	public Mono<MlxLmModelDetection> detectModel() {
		String model = configuredModel();
		if (model != null) {
			return Mono.just(new MlxLmModelDetection(model, MlxLmModelDetection.Source.CONFIGURED));
		}
		return fetchModels().flatMap((models) -> Mono.justOrEmpty(detect(models)));
	}

	/**
	 * Report on the server: {@code /health} first, then (when it answered 200) the
	 * listing and detection. A failure of the listing after a healthy {@code /health}
	 * keeps {@code connected=true} and sets {@code error}.
	 * @return the status; never an error
	 * @see #status(Duration)
	 */
	public Mono<MlxLmServerStatus> status() {
		return fetchHealth()
			.flatMap((healthStatus) -> fetchModels().map((models) -> connected(healthStatus, models, null))
				.onErrorResume((ex) -> Mono.just(connected(healthStatus, List.of(), ex.getMessage()))))
			.onErrorResume((ex) -> Mono.just(disconnected(ex.getMessage())));
	}

	/**
	 * Report on the server like {@link #status()}, within {@code timeout} for the whole
	 * check.
	 * @param timeout the longest the whole check may take
	 * @return the status; when the timeout passes, {@code connected=false} with an error
	 * naming the URL and the timeout; never an error
	 */
	public Mono<MlxLmServerStatus> status(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		return status().timeout(timeout, Mono.fromSupplier(() -> disconnected(
				"MLX-LM server at " + endpoint().baseUrl() + " did not answer within " + format(timeout))));
	}

	/**
	 * Complete a text prompt ({@code POST <baseUrl>/completions}), without a chat
	 * template.
	 * <p>
	 * Sends the configured model, or {@code "default_model"} (never a detected id),
	 * unless the options name one. Nothing arrives until the whole text is generated, so
	 * the read timeout must cover the generation.
	 * @param prompt the prompt text
	 * @param options the options; unset values are not sent
	 * @return the completion; errors with an {@link MlxLmException} whose reason says
	 * what happened
	 */
	public Mono<MlxLmCompletion> complete(String prompt, MlxLmCompletionOptions options) {
		return this.api.completion(request(prompt, options)).map((completion) -> {
			List<MlxLmApi.Choice> choices = completion.choices();
			if (choices == null || choices.isEmpty()) {
				// MlxLmApi refuses such a reply: this is only for the compiler.
				throw new IllegalStateException("A completion without choices");
			}
			MlxLmApi.Choice choice = choices.get(0);
			return new MlxLmCompletion(orEmpty(completion.id()), orEmpty(completion.model()), orEmpty(choice.text()),
					choice.finishReason(), usage(completion.usage()),
					MlxLmServerIdentity.parse(completion.systemFingerprint()));
		});
	}

	/**
	 * Stream a text completion ({@code POST <baseUrl>/completions} with {@code "stream":
	 * true}). Keep-alive comments are skipped; the last element carries only the usage.
	 * @param prompt the prompt text
	 * @param options the options; unset values are not sent
	 * @return the chunks; errors as {@link #complete(String, MlxLmCompletionOptions)},
	 * and with {@link MlxLmException.Reason#CLOSED} when the stream ends before its
	 * finishing chunk and {@code [DONE]}
	 */
	public Flux<MlxLmCompletionChunk> completeStream(String prompt, MlxLmCompletionOptions options) {
		return this.api.completionStream(request(prompt, options)).map((chunk) -> {
			MlxLmApi.Choice choice = (chunk.choices() != null && !chunk.choices().isEmpty()) ? chunk.choices().get(0)
					: null;
			return new MlxLmCompletionChunk((choice != null) ? orEmpty(choice.text()) : "",
					(choice != null) ? choice.finishReason() : null, usage(chunk.usage()));
		});
	}

	/**
	 * Return what the server said about itself in the last completion reply read on this
	 * client's wire ({@code system_fingerprint}), by this client or by a chat model on
	 * the same wire.
	 * @return the server's identity, or {@code null} until a completion was read
	 */
	public @Nullable MlxLmServerIdentity serverIdentity() {
		return this.api.serverIdentity();
	}

	/**
	 * Prove that the server can generate: a {@code POST <baseUrl>/chat/completions} for
	 * one token, with the configured model or {@value #DEFAULT_MODEL} (never another id,
	 * which would make the server load it), bounded by {@code timeout}.
	 * <p>
	 * The server answers {@code /health} while its generation thread is dead; this call
	 * then hangs until the timeout.
	 * @param timeout the longest the probe may take
	 * @return how long the probe took; errors with an {@link MlxLmException} naming the
	 * URL: {@link MlxLmConnectionException} when it did not answer within the timeout or
	 * the connection failed, {@link MlxLmHttpException} when the server answered an error
	 * status (such as 404 for a model that cannot be loaded)
	 */
	public Mono<Duration> probeGeneration(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		String url = endpoint().resolve("chat/completions").toString();
		MlxLmApi.ChatRequest request = new MlxLmApi.ChatRequest(this.api.connection().modelSent(),
				List.of(new MlxLmApi.Message("user", "ping", null, null, null, null)), 1, null, null, null, null, null,
				null, null, false, null, Map.of());
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.api.chat(request, null)
				.timeout(timeout,
						Mono.error(() -> new MlxLmConnectionException(
								"MLX-LM server at " + url + " did not generate a token within " + format(timeout)
										+ " (a hung generation thread or a model still loading)",
								url, MlxLmException.Reason.READ_TIMEOUT, null)))
				.map((completion) -> Duration.ofNanos(System.nanoTime() - start));
		});
	}

	@Override
	public String toString() {
		String model = configuredModel();
		return "MlxLmClient[baseUrl=" + endpoint().baseUrl() + ", model="
				+ ((model != null) ? model : "(server default)") + "]";
	}

	private MlxLmApi.CompletionRequest request(String prompt, MlxLmCompletionOptions options) {
		Assert.notNull(prompt, "'prompt' must not be null");
		Assert.notNull(options, "'options' must not be null");
		String model = StringUtils.hasText(options.model()) ? options.model() : this.api.connection().modelSent();
		return new MlxLmApi.CompletionRequest(model, prompt, null, null, options.toJson());
	}

	private Mono<String> fetchHealth() {
		return this.api.health().map(this::healthStatus);
	}

	private Mono<List<MlxLmModel>> fetchModels() {
		String url = endpoint().modelsUrl().toString();
		return this.api.models().map((list) -> {
			List<MlxLmModel> models = new ArrayList<>();
			// MlxLmApi answers an empty list for a listing without 'data'.
			List<MlxLmApi.ModelEntry> entries = (list.data() != null) ? list.data() : List.of();
			for (MlxLmApi.ModelEntry entry : entries) {
				if (entry == null || !StringUtils.hasText(entry.id())) {
					throw new MlxLmResponseException(
							"MLX-LM server at " + url + " sent an unreadable reply: a 'data' entry has no string 'id'",
							url, MlxLmException.Reason.MALFORMED, null);
				}
				models.add(new MlxLmModel(entry.id(), (entry.object() != null) ? entry.object() : "model",
						(entry.created() != null) ? entry.created() : 0L));
			}
			return List.copyOf(models);
		});
	}

	/*
	 * Read a {@code /health} body: the {@code status} of {@code {"status": "ok"}}, or
	 * {@code "ok"} for a body that is not such JSON (the status code already said so).
	 */
	private String healthStatus(byte[] body) {
		try {
			JsonNode root = this.api.jsonMapper().readTree(new String(body, StandardCharsets.UTF_8));
			JsonNode status = (root != null && root.isObject()) ? root.get("status") : null;
			if (status != null && status.isString() && !status.stringValue().isBlank()) {
				return status.stringValue();
			}
		}
		catch (JacksonException ex) {
			// Plain text is tolerated: only the 200 matters.
		}
		return "ok";
	}

	private @Nullable MlxLmModelDetection detect(List<MlxLmModel> models) {
		String model = configuredModel();
		if (model != null) {
			return new MlxLmModelDetection(model, MlxLmModelDetection.Source.CONFIGURED);
		}
		if (models.isEmpty()) {
			return null;
		}
		for (MlxLmModel candidate : models) {
			if (candidate.isLocalPath()) {
				return new MlxLmModelDetection(candidate.id(), MlxLmModelDetection.Source.LOCAL_PATH);
			}
		}
		if (models.size() == 1) {
			return new MlxLmModelDetection(models.get(0).id(), MlxLmModelDetection.Source.ONLY_ENTRY);
		}
		return new MlxLmModelDetection(models.get(0).id(), MlxLmModelDetection.Source.FIRST_ENTRY);
	}

	private MlxLmServerStatus connected(String healthStatus, List<MlxLmModel> models, @Nullable String error) {
		MlxLmModelDetection detection = detect(models);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("status", healthStatus);
		metadata.put("modelGuessed", detection != null && detection.guessed());
		metadata.put("availableModels", models.stream().map(MlxLmModel::id).toList());
		return new MlxLmServerStatus(true, detection != null, (detection != null) ? detection.modelId() : null,
				endpoint().baseUrl().toString(), PROVIDER_TYPE, metadata, error);
	}

	private MlxLmServerStatus disconnected(@Nullable String error) {
		return new MlxLmServerStatus(false, false, null, endpoint().baseUrl().toString(), PROVIDER_TYPE, Map.of(),
				error);
	}

	private static @Nullable MlxLmUsage usage(MlxLmApi.@Nullable Usage usage) {
		if (usage == null) {
			return null;
		}
		return new MlxLmUsage(orZero(usage.promptTokens()), orZero(usage.completionTokens()),
				orZero(usage.totalTokens()), (usage.cachedTokens() != null) ? usage.cachedTokens().longValue() : null);
	}

	private static long orZero(@Nullable Integer value) {
		return (value != null) ? value : 0L;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static void logDebug(String message) {
		if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * Builds an {@link MlxLmClient} with a wire of its own. Only the base URL is
	 * required.
	 */
	public static final class Builder {

		private @Nullable String baseUrl;

		private @Nullable String apiKey;

		private @Nullable String model;

		private Duration connectTimeout = MlxLmConnection.DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout = MlxLmConnection.DEFAULT_READ_TIMEOUT;

		private WebClient.@Nullable Builder webClientBuilder;

		private int maxAttempts = 1;

		private Duration backoff = MlxLmConnection.DEFAULT_BACKOFF;

		private Builder() {
		}

		/**
		 * Retry calls whose connection failed before any request byte was sent (refused,
		 * or not established within the connect timeout), waiting {@code backoff} before
		 * the first retry and doubling it (with jitter) for each further one. HTTP error
		 * statuses and failures after the request was sent are never retried. Defaults to
		 * 1 attempt: no retry.
		 * @param maxAttempts attempts per call, the first one included (at least 1)
		 * @param backoff wait before the first retry
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration backoff) {
			this.maxAttempts = maxAttempts;
			this.backoff = backoff;
			return this;
		}

		/**
		 * Set the server's OpenAI-style base URL, such as
		 * {@code http://localhost:8080/v1}. The server root (for {@code /health}) is this
		 * URL minus a trailing {@code /v1} segment.
		 * @param baseUrl the base URL (required)
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the key sent as {@code Authorization: Bearer <key>}, for a reverse proxy in
		 * front of the server (the server itself ignores it). Blank or {@code null} sends
		 * no header.
		 * @param apiKey the api key, or {@code null}
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the model id requests use. Blank or {@code null} means the server's own
		 * {@code --model}, and detection falls back to the listing.
		 * @param model the model id, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set how long opening a connection may take. Defaults to 5 seconds.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the longest silence allowed on an open connection while waiting for or
		 * reading a reply. Defaults to 5 minutes.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set a {@link WebClient.Builder} to start from, such as Spring Boot's, so that
		 * its customizers and observation apply. It is cloned, never modified.
		 * @param webClientBuilder the builder to clone
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Build the client. No network call is made.
		 * @return the client
		 * @throws IllegalArgumentException if the base URL is missing or not an absolute
		 * http(s) URL, or a timeout or the retry is out of range
		 */
		public MlxLmClient build() {
			MlxLmConnection connection = new MlxLmConnection(MlxLmEndpoint.of(this.baseUrl), this.apiKey, this.model,
					this.connectTimeout, this.readTimeout, this.maxAttempts, this.backoff,
					MlxLmConnection.DEFAULT_MAX_REPLY_BYTES);
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder : WebClient.builder();
			return new MlxLmClient(new MlxLmApi(connection, builder));
		}

	}

}

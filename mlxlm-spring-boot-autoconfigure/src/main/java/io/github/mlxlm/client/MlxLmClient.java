package io.github.mlxlm.client;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reactive client for an MLX-LM server ({@code mlx_lm.server}): liveness, the model listing,
 * and MLX-aware model detection.
 * <p>
 * Every call is a GET, so no call can make the server load a model. Each call opens its own
 * connection: the server closes the connection after every reply (HTTP/1.0), and a pooled
 * connection that the server has already closed makes HTTP clients silently send the request
 * again.
 * <p>
 * The api key, when set, is sent as {@code Authorization: Bearer <key>} (the server ignores it; a
 * reverse proxy in front may not) and never appears in logs, exception messages, statuses or
 * {@link #toString()}.
 *
 * @author MLX-LM starter contributors
 */
public final class MlxLmClient {

	/**
	 * The {@link MlxLmServerStatus#providerType() provider type} of every status.
	 */
	public static final String PROVIDER_TYPE = "mlxlm";

	/**
	 * Model id that makes the server use the model it was started with.
	 */
	public static final String DEFAULT_MODEL = "default_model";

	private static final Log logger = LogFactory.getLog(MlxLmClient.class);

	// Bodies here are small JSON; the bound only stops a misbehaving peer from filling the heap.
	private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final MlxLmEndpoint endpoint;

	private final @Nullable String apiKey;

	private final @Nullable String model;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final WebClient webClient;

	private final MlxLmReplies replies = new MlxLmReplies();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final AtomicReference<@Nullable MlxLmServerIdentity> serverIdentity = new AtomicReference<>();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE_TYPE = new ParameterizedTypeReference<>() {
	};
	private final int maxAttempts;

	private final Duration backoff;

	private MlxLmClient(Builder builder, MlxLmEndpoint endpoint) {
		this.endpoint = endpoint;
		this.apiKey = StringUtils.hasText(builder.apiKey) ? builder.apiKey.strip() : null;
		this.model = StringUtils.hasText(builder.model) ? builder.model.strip() : null;
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.maxAttempts = builder.maxAttempts;
		this.backoff = builder.backoff;
		// No pool: a new connection per request, closed after the reply. responseTimeout is the
		// longest silence allowed between reads once the request is sent (Reactor Netty adds a
		// ReadTimeoutHandler for the response), not a bound on the whole reply.
		HttpClient httpClient = HttpClient.create(ConnectionProvider.newConnection())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, toMillisInt(this.connectTimeout))
			.responseTimeout(this.readTimeout);
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		this.webClient = webClientBuilder.clientConnector(new ReactorClientHttpConnector(httpClient)).build();
	}

	/**
	 * Start building a client.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return where the server listens.
	 * @return the endpoint
	 */
	public MlxLmEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Return the configured model id, or {@code null} when requests should use the server's own
	 * {@code --model}.
	 * @return the configured model id, or {@code null}
	 */
	public @Nullable String configuredModel() {
		return this.model;
	}

	/**
	 * List the models the server offers ({@code GET <baseUrl>/models}): its Hugging Face cache
	 * in random order, then its own {@code --model} if that is a local path. A 200 reply with an
	 * empty body (a server without a Hugging Face cache) gives an empty list.
	 * @return the models; an empty list when the call fails (logged at WARN with the URL); never
	 * an error
	 */
	public Mono<List<MlxLmModel>> listModels() {
		return fetchModels().onErrorResume((ex) -> {
			logger.warn("Could not list MLX-LM models: " + describe(ex));
			return Mono.just(List.of());
		});
	}

	/**
	 * Check whether the server process is alive: {@code GET <serverRoot>/health} answers 200.
	 * <p>
	 * The server answers 200 while a model loads and after a model failed to load, so this says
	 * nothing about the model.
	 * @return {@code true} on a 200 reply; {@code false} on any other reply or failure; never an
	 * error
	 */
	public Mono<Boolean> isRunning() {
		return fetchHealth().map((status) -> true).onErrorResume((ex) -> {
			logDebug("MLX-LM server is not running: " + describe(ex));
			return Mono.just(false);
		});
	}

	/**
	 * Check whether the server is alive and a model can be named for requests.
	 * <p>
	 * The server has no "loaded model" signal and {@code /v1/models} is a cache listing, so this
	 * answers {@code true} when {@link #isRunning()} is {@code true} and {@link #detectModel()}
	 * names a model (the configured one, or one from the listing). It cannot prove the model is
	 * resident in memory, and it never asks the server to load one.
	 * @return whether the server is alive and a model can be named; {@code false} on any
	 * failure; never an error
	 */
	public Mono<Boolean> isModelLoaded() {
		return fetchHealth().flatMap((status) -> detectModel().hasElement()).onErrorResume((ex) -> {
			logDebug("No MLX-LM model available: " + describe(ex));
			return Mono.just(false);
		});
	}

	/**
	 * Return the listing entry of the {@link #detectModel() detected} model.
	 * @return the entry; empty when no model is detected, when the call fails, or when the
	 * configured model is not in the listing (the server can still serve it, downloading it
	 * first); never an error
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
	 * Name the model that requests are expected to use, without ever causing a model load.
	 * <p>
	 * In order: the configured model (answered without calling the server); else the listing's
	 * local-path entry (the server's own {@code --model} when it is a path); else the listing's
	 * only entry; else its first entry, marked as a {@link MlxLmModelDetection#guessed() guess}
	 * because the listing is in random order. Never send a guessed id to the server: any id
	 * other than the one it started with makes it load that model.
	 * @return the detection; empty when no model is configured and the server lists none;
	 * errors with {@link MlxLmConnectionException}, {@link MlxLmHttpException} or
	 * {@link MlxLmResponseException} when the listing fails
	 */
	public Mono<MlxLmModelDetection> detectModel() {
		if (this.model != null) {
			return Mono.just(new MlxLmModelDetection(this.model, MlxLmModelDetection.Source.CONFIGURED));
		}
		return fetchModels().flatMap((models) -> Mono.justOrEmpty(detect(models)));
	}

	/**
	 * Report on the server: {@code /health} first, then (when it answered 200) the listing and
	 * detection. A failure of the listing after a healthy {@code /health} keeps
	 * {@code connected=true} and sets {@code error}.
	 * @return the status; never an error
	 * @see #status(Duration)
	 */
	public Mono<MlxLmServerStatus> status() {
		return fetchHealth()
			.flatMap((healthStatus) -> fetchModels().map((models) -> connected(healthStatus, models, null))
				.onErrorResume((ex) -> Mono.just(connected(healthStatus, List.of(), describe(ex)))))
			.onErrorResume((ex) -> Mono.just(disconnected(describe(ex))));
	}

	/**
	 * Report on the server like {@link #status()}, within {@code timeout} for the whole check.
	 * @param timeout the longest the whole check may take
	 * @return the status; when the timeout passes, {@code connected=false} with an error naming
	 * the URL and the timeout; never an error
	 */
	public Mono<MlxLmServerStatus> status(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		return status().timeout(timeout, Mono.fromSupplier(() -> disconnected(
				"MLX-LM server at " + this.endpoint.baseUrl() + " did not answer within " + format(timeout))));
	}

	/**
	 * Complete a text prompt ({@code POST <baseUrl>/completions}), without a chat template.
	 * <p>
	 * Sends the configured model, or {@code "default_model"} (never a detected id), unless
	 * the options name one. Nothing arrives until the whole text is generated, so the read
	 * timeout must cover the generation.
	 * @param prompt the prompt text
	 * @param options the options; unset values are not sent
	 * @return the completion; errors with {@link MlxLmHttpException} on an error reply (with
	 * the server's error text), {@link MlxLmConnectionException} when the connection fails
	 * or is closed without a reply (how the server rejects a bad parameter), or
	 * {@link MlxLmResponseException} on an unreadable reply
	 */
	public Mono<MlxLmCompletion> complete(String prompt, MlxLmCompletionOptions options) {
		URI url = this.endpoint.resolve("completions");
		byte[] body = completionBody(prompt, options, false);
		return post(url, body).map((reply) -> {
				if (reply.status() < 200 || reply.status() > 299) {
					throw httpError(url, reply);
				}
				if (reply.body().length == 0) {
					throw new MlxLmConnectionException("MLX-LM server at " + url
							+ " closed the connection without a reply: it rejected a request parameter", url.toString(),
							null);
				}
				MlxLmCompletion completion = this.replies.completion(url.toString(), reply.body());
				remember(completion.serverIdentity());
				return completion;
			});
	}

	/**
	 * Stream a text completion ({@code POST <baseUrl>/completions} with
	 * {@code "stream": true}). Keep-alive comments are skipped; the last element carries
	 * only the usage; a stream that ends without {@code [DONE]} simply completes.
	 * @param prompt the prompt text
	 * @param options the options; unset values are not sent
	 * @return the chunks; errors as {@link #complete(String, MlxLmCompletionOptions)}
	 */
	public Flux<MlxLmCompletionChunk> completeStream(String prompt, MlxLmCompletionOptions options) {
		URI url = this.endpoint.resolve("completions");
		byte[] body = completionBody(prompt, options, true);
		return this.webClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers(this::authorize)
			.bodyValue(body)
			.exchangeToFlux((response) -> {
				if (response.statusCode().isError()) {
					return toReply(response).flatMapMany((reply) -> Flux.error(httpError(url, reply)));
				}
				return response.bodyToFlux(SSE_TYPE);
			})
			.doOnSubscribe((subscription) -> logDebug("POST " + url + " (stream)"))
			.onErrorMap((ex) -> !(ex instanceof MlxLmException), (ex) -> translate(url, ex))
			.mapNotNull(ServerSentEvent::data)
			.takeWhile((data) -> !data.strip().equals("[DONE]"))
			.filter((data) -> !data.isBlank())
			.map((data) -> {
				JsonNode root = this.replies.readTree(url.toString(), data);
				remember(MlxLmServerIdentity.parse(MlxLmReplies.nullableText(root, "system_fingerprint")));
				return this.replies.completionChunk(url.toString(), root);
			});
	}

	/**
	 * Return what the server said about itself in the last completion reply this client
	 * read ({@code system_fingerprint}).
	 * @return the server's identity, or {@code null} until a completion was read
	 */
	public @Nullable MlxLmServerIdentity serverIdentity() {
		return this.serverIdentity.get();
	}

	/**
	 * Record the {@code system_fingerprint} of a reply that another component read from the
	 * same server, such as the chat model, so that {@link #serverIdentity()} (and health)
	 * knows the server's versions without a call of its own.
	 * @param fingerprint the fingerprint; ignored when it cannot be parsed
	 */
	public void rememberFingerprint(@Nullable String fingerprint) {
		remember(MlxLmServerIdentity.parse(fingerprint));
	}

	private void remember(@Nullable MlxLmServerIdentity identity) {
		if (identity != null) {
			this.serverIdentity.set(identity);
		}
	}

	private byte[] completionBody(String prompt, MlxLmCompletionOptions options, boolean stream) {
		Assert.notNull(prompt, "'prompt' must not be null");
		Assert.notNull(options, "'options' must not be null");
		Map<String, Object> body = new LinkedHashMap<>();
		String model = StringUtils.hasText(options.model()) ? options.model()
				: (this.model != null) ? this.model : DEFAULT_MODEL;
		body.put("model", model);
		body.put("prompt", prompt);
		body.putAll(options.toJson());
		if (stream) {
			body.put("stream", true);
			body.put("stream_options", Map.of("include_usage", true));
		}
		return json(body);
	}

	/**
	 * Prove that the server can generate: a {@code POST <baseUrl>/chat/completions} for one
	 * token, with the configured model or {@value #DEFAULT_MODEL} (never another id, which
	 * would make the server load it), bounded by {@code timeout}.
	 * <p>
	 * The server answers {@code /health} while its generation thread is dead; this call then
	 * hangs until the timeout. It is a POST, so it is never retried.
	 * @param timeout the longest the probe may take
	 * @return how long the probe took; errors with an {@link MlxLmException} naming the URL:
	 * {@link MlxLmConnectionException} when it did not answer within the timeout or the
	 * connection failed, {@link MlxLmHttpException} when the server answered an error status
	 * (such as 404 for a model that cannot be loaded)
	 */
	public Mono<Duration> probeGeneration(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		URI url = this.endpoint.resolve("chat/completions");
		String model = (this.model != null) ? this.model : DEFAULT_MODEL;
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("model", model);
		request.put("messages", List.of(Map.of("role", "user", "content", "ping")));
		request.put("max_tokens", 1);
		request.put("stream", false);
		byte[] body = json(request);
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return post(url, body).timeout(timeout, Mono.error(() -> new MlxLmConnectionException("MLX-LM server at " + url
						+ " did not generate a token within " + format(timeout)
						+ " (a hung generation thread or a model still loading)", url.toString(), null)))
				.map((reply) -> {
					if (reply.status() < 200 || reply.status() > 299) {
						throw httpError(url, reply);
					}
					return Duration.ofNanos(System.nanoTime() - start);
				});
		});
	}

	@Override
	public String toString() {
		return "MlxLmClient[baseUrl=" + this.endpoint.baseUrl() + ", model="
				+ ((this.model != null) ? this.model : "(server default)") + "]";
	}

	private Mono<String> fetchHealth() {
		URI url = this.endpoint.healthUrl();
		return get(url).map((reply) -> {
			if (reply.status() != 200) {
				throw httpError(url, reply);
			}
			return this.replies.healthStatus(reply.body());
		});
	}

	private Mono<List<MlxLmModel>> fetchModels() {
		URI url = this.endpoint.modelsUrl();
		return get(url).map((reply) -> {
			if (reply.status() < 200 || reply.status() > 299) {
				throw httpError(url, reply);
			}
			return this.replies.models(url.toString(), reply.body());
		});
	}

	private Mono<Reply> post(URI url, byte[] body) {
		// A byte[] body goes out with Content-Length, which the server requires.
		return this.webClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.headers(this::authorize)
			.bodyValue(body)
			.exchangeToMono(MlxLmClient::toReply)
			.doOnSubscribe((subscription) -> logDebug("POST " + url))
			.onErrorMap((ex) -> !(ex instanceof MlxLmException), (ex) -> translate(url, ex));
	}

	private static Mono<Reply> toReply(ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
			.map(MlxLmClient::toBytes)
			.defaultIfEmpty(EMPTY)
			.map((bytes) -> new Reply(response.statusCode().value(), bytes));
	}

	private byte[] json(Map<String, Object> body) {
		// Serialized here so that the body has a Content-Length and exact JSON types.
		return this.jsonMapper.writeValueAsBytes(body);
	}

	private Mono<Reply> get(URI url) {
		return this.webClient.get()
			.uri(url)
			.accept(MediaType.APPLICATION_JSON)
			.headers(this::authorize)
			.exchangeToMono(MlxLmClient::toReply)
			.doOnSubscribe((subscription) -> logDebug("GET " + url))
			.doOnNext((reply) -> logDebug("GET " + url + " answered " + reply.status()))
			.onErrorMap((ex) -> !(ex instanceof MlxLmException), (ex) -> translate(url, ex))
			.retryWhen(connectRetry(url));
	}

	/**
	 * Retry only a connection that failed before any request byte was sent (refused, or not
	 * established within the connect timeout). A GET is safe to repeat, but an HTTP error or a
	 * failure after the request was sent is reported as it is.
	 */
	private Retry connectRetry(URI url) {
		return Retry.backoff(this.maxAttempts - 1L, this.backoff)
			.filter(MlxLmClient::isConnectFailure)
			.doBeforeRetry((signal) -> logDebug("Retrying GET " + url + " (attempt " + (signal.totalRetries() + 2)
					+ " of " + this.maxAttempts + ") after: " + describe(signal.failure())))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	/**
	 * Return whether the failure happened while connecting, before any request byte was sent.
	 * @param ex the failure
	 * @return {@code true} for a refused connection or a connect timeout
	 */
	static boolean isConnectFailure(Throwable ex) {
		return ex instanceof MlxLmConnectionException && hasCause(ex, ConnectException.class);
	}

	private void authorize(HttpHeaders headers) {
		if (this.apiKey != null) {
			headers.setBearerAuth(this.apiKey);
		}
	}

	private @Nullable MlxLmModelDetection detect(List<MlxLmModel> models) {
		if (this.model != null) {
			return new MlxLmModelDetection(this.model, MlxLmModelDetection.Source.CONFIGURED);
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
				this.endpoint.baseUrl().toString(), PROVIDER_TYPE, metadata, error);
	}

	private MlxLmServerStatus disconnected(String error) {
		return new MlxLmServerStatus(false, false, null, this.endpoint.baseUrl().toString(), PROVIDER_TYPE, Map.of(),
				error);
	}

	private MlxLmHttpException httpError(URI url, Reply reply) {
		String serverError = this.replies.errorText(reply.body());
		String message = "MLX-LM server at " + url + " answered HTTP " + reply.status()
				+ ((serverError != null) ? ": " + serverError : "");
		return new MlxLmHttpException(message, url.toString(), reply.status(), serverError);
	}

	private MlxLmException translate(URI url, Throwable ex) {
		String target = url.toString();
		if (hasCause(ex, DataBufferLimitException.class)) {
			return new MlxLmResponseException("MLX-LM server at " + url + " sent a reply larger than "
					+ MAX_BODY_BYTES + " bytes", target, ex);
		}
		if (hasCause(ex, ReadTimeoutException.class)) {
			return new MlxLmConnectionException("MLX-LM server at " + url + " was silent for longer than the read timeout of "
					+ format(this.readTimeout), target, ex);
		}
		if (hasCause(ex, ConnectTimeoutException.class)) {
			return new MlxLmConnectionException("Could not connect to MLX-LM server at " + url + " within "
					+ format(this.connectTimeout), target, ex);
		}
		if (hasCause(ex, PrematureCloseException.class)) {
			return new MlxLmConnectionException(
					"MLX-LM server at " + url + " closed the connection before its reply was complete", target, ex);
		}
		return new MlxLmConnectionException("Could not connect to MLX-LM server at " + url + ": " + rootMessage(ex),
				target, ex);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

	private static void logDebug(String message) {
		if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static int toMillisInt(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	private record Reply(int status, byte[] body) {
	}

	/**
	 * Builds an {@link MlxLmClient}. Only the base URL is required.
	 */
	public static final class Builder {

		private @Nullable String baseUrl;

		private @Nullable String apiKey;

		private @Nullable String model;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration readTimeout = Duration.ofMinutes(5);

		private WebClient.@Nullable Builder webClientBuilder;

		private int maxAttempts = 1;

		private Duration backoff = Duration.ofMillis(200);

		private Builder() {
		}

		/**
		 * Retry GET calls whose connection failed before any request byte was sent (refused,
		 * or not established within the connect timeout), waiting {@code backoff} before the
		 * first retry and doubling it (with jitter) for each further one. HTTP error statuses
		 * and failures after the request was sent are never retried; POSTs never are. Defaults
		 * to 1 attempt: no retry.
		 * @param maxAttempts attempts per call, the first one included (at least 1)
		 * @param backoff wait before the first retry
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration backoff) {
			Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
			Assert.isTrue(backoff != null && !backoff.isNegative() && !backoff.isZero(), "'backoff' must be positive");
			this.maxAttempts = maxAttempts;
			this.backoff = backoff;
			return this;
		}

		/**
		 * Set the server's OpenAI-style base URL, such as {@code http://localhost:8080/v1}. The
		 * server root (for {@code /health}) is this URL minus a trailing {@code /v1} segment.
		 * @param baseUrl the base URL (required)
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the key sent as {@code Authorization: Bearer <key>}, for a reverse proxy in front
		 * of the server (the server itself ignores it). Blank or {@code null} sends no header.
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
			Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
					"'connectTimeout' must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the longest silence allowed on an open connection while waiting for or reading
		 * a reply. Defaults to 5 minutes, because the server sends nothing of a non-streaming
		 * completion until it has generated all of it.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout != null && !readTimeout.isNegative() && !readTimeout.isZero(),
					"'readTimeout' must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set a {@link WebClient.Builder} to start from, such as Spring Boot's, so that its
		 * customizers and observation apply. It is cloned, never modified, and its connector is
		 * replaced with one that opens a new connection per request.
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
		 * http(s) URL
		 */
		public MlxLmClient build() {
			return new MlxLmClient(this, MlxLmEndpoint.of(this.baseUrl));
		}

	}

}

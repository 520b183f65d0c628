package io.github.mlxlm.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmConnectionException;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Creates Spring AI {@link OpenAiChatModel}s that talk to mlx_lm.server correctly.
 * <p>
 * Every model it creates:
 * <ul>
 * <li>sends the configured model id exactly as written, or {@value #DEFAULT_MODEL}: never
 * a detected or guessed id (another id makes the server load it and evict the resident
 * model) and never Spring AI's own default;</li>
 * <li>sends no {@code Authorization} header unless an api key is set;</li>
 * <li>never sends a generation twice: no SDK retries, no pooled connections (the HTTP/1.0
 * server closes each one), no transparent OkHttp re-send once a request was written;</li>
 * <li>uses connect and read (silence) timeouts and no total-call timeout, so long streams
 * are never cut;</li>
 * <li>asks for usage in streams ({@code "stream_options": {"include_usage": true}}).</li>
 * </ul>
 * The factory owns the threads of the models it creates; {@link #close()} releases them,
 * after ending the streams in flight of the {@link #createChatModel MlxLmChatModels} it
 * created with an error that says the application is shutting down.
 *
 * @author mlxlm developers
 */
public final class MlxLmChatModelFactory implements AutoCloseable {

	/**
	 * Model id that makes mlx_lm.server use the model it was started with.
	 */
	public static final String DEFAULT_MODEL = "default_model";

	private static final Log logger = LogFactory.getLog(MlxLmChatModelFactory.class);

	private static final String USER_AGENT = "mlxlm-spring-boot-starter";

	private final MlxLmChatConnection connection;

	private final ObservationRegistry observationRegistry;

	private final @Nullable MlxLmClient client;

	private final int retryMaxAttempts;

	private final Duration retryBackoff;

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	/** Emits once, on {@link #close()}: ends the streams in flight of the models created. */
	private final Sinks.One<Boolean> closing = Sinks.one();

	private MlxLmChatModelFactory(Builder builder) {
		this.connection = new MlxLmChatConnection(builder.baseUrl, builder.apiKey, builder.model,
				builder.connectTimeout, builder.readTimeout);
		this.observationRegistry = builder.observationRegistry;
		this.client = builder.client;
		this.retryMaxAttempts = builder.retryMaxAttempts;
		this.retryBackoff = builder.retryBackoff;
	}

	/**
	 * Create a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the connection settings the created models use.
	 * @return the connection settings
	 */
	public MlxLmChatConnection getConnection() {
		return this.connection;
	}

	/**
	 * Create a chat model for the configured model, or for the server's own model when
	 * none is configured.
	 * @return the chat model
	 */
	public OpenAiChatModel create() {
		return create(null);
	}

	/**
	 * Create a chat model that sends the given model id (the equivalent of the Python
	 * provider's {@code create_mlxlm_model(model_name, settings)}).
	 * @param modelName the model id to send exactly as given, or {@code null}/blank for
	 * the configured model (or {@value #DEFAULT_MODEL} when none is configured)
	 * @return the chat model
	 */
	public OpenAiChatModel create(@Nullable String modelName) {
		MlxLmChatConnection target = StringUtils.hasText(modelName)
				? new MlxLmChatConnection(this.connection.baseUrl(), this.connection.apiKey(), modelName,
						this.connection.connectTimeout(), this.connection.readTimeout())
				: this.connection;
		ClientOptions clientOptions = clientOptions(target);
		OpenAiChatModel chatModel = OpenAiChatModel.builder()
			.openAiClient(new OpenAIClientImpl(clientOptions))
			.openAiClientAsync(new OpenAIClientAsyncImpl(clientOptions))
			.options(defaultOptions(target))
			.observationRegistry(this.observationRegistry)
			.build();
		logger.debug("Created MLX-LM chat model for " + target);
		return chatModel;
	}

	/**
	 * Create an MLX-native chat model: request options are merged over {@code defaults},
	 * MLX-only options are sent with exact JSON types, reasoning and stream usage are
	 * surfaced (see {@link MlxLmChatModel}).
	 * @param defaults the options every request starts from; when they name no model, the
	 * configured model (or {@value #DEFAULT_MODEL}) is sent
	 * @return the chat model
	 */
	public MlxLmChatModel createChatModel(MlxLmChatOptions defaults) {
		MlxLmChatOptions withModel = StringUtils.hasText(defaults.getModel()) ? defaults
				: defaults.mutate().model(this.connection.wireModel()).build();
		// Built on first use: the OpenAI SDK costs about a second of start-up.
		MlxLmChatModel chatModel = new MlxLmChatModel(this::create, withModel, this.connection.baseUrl());
		chatModel.endStreamsOn(this.closing.asMono());
		return chatModel;
	}

	/**
	 * Verify the server, then create the chat model (the equivalent of the Python
	 * provider's {@code create_mlxlm_model_async(auto_detect, test_connection)}).
	 * <p>
	 * Detection is for reporting only: the model still sends the configured id or
	 * {@value #DEFAULT_MODEL}, because sending a detected id could make the server load
	 * another model.
	 * @param autoDetect whether to detect and log the model the server serves when none
	 * is configured; a detection failure fails the returned {@code Mono} with an
	 * {@code MlxLmException}
	 * @param testConnection whether to check the server's {@code /health} first; if it
	 * does not answer, the returned {@code Mono} fails with an
	 * {@link MlxLmConnectionException} naming the URL
	 * @return a {@code Mono} of the chat model
	 */
	public Mono<OpenAiChatModel> createAsync(boolean autoDetect, boolean testConnection) {
		MlxLmClient client = this.client;
		if (client == null) {
			return Mono.error(new IllegalStateException(
					"MlxLmChatModelFactory was built without an MlxLmClient; set one with builder().client(...)"));
		}
		Mono<Void> check = testConnection ? client.status().flatMap((status) -> status.connected() ? Mono.<Void>empty()
				: Mono.error(new MlxLmConnectionException("Cannot connect to the MLX-LM server at "
						+ status.baseUrl() + ": " + status.error(), status.baseUrl(), null)))
				: Mono.empty();
		Mono<Void> detect = (autoDetect && !StringUtils.hasText(this.connection.model())) ? client.detectModel()
			.doOnNext((detection) -> logger.info("MLX-LM server at " + this.connection.baseUrl() + " serves "
					+ detection.modelId() + (detection.guessed() ? " (a guess: the server lists several models)" : "")
					+ "; requests send \"" + DEFAULT_MODEL + "\" so that no other model is loaded"))
			.then() : Mono.empty();
		return check.then(detect).then(Mono.fromSupplier(this::create));
	}

	private ClientOptions clientOptions(MlxLmChatConnection target) {
		Timeout timeout = Timeout.builder()
			.connect(target.connectTimeout())
			.read(target.readTimeout())
			.write(target.readTimeout())
			.request(Duration.ZERO)
			.build();
		ExecutorService dispatcher = daemonExecutor("mlxlm-okhttp-");
		ExecutorService streamHandler = daemonExecutor("mlxlm-stream-");
		SpringAiOpenAiHttpClient.Builder okHttpBuilder = SpringAiOpenAiHttpClient.builder()
			.timeout(timeout)
			// Keep no idle connection: the server closed it already (0 idle connections evicts
			// each one as soon as it is released, whatever the keep-alive).
			.maxIdleConnections(0)
			// OkHttp's pool clean-up runs again after this long while any connection is in use:
			// 1 ms made it spin a thousand times a second for the whole of every stream.
			.keepAliveDuration(Duration.ofSeconds(10))
			.dispatcherExecutorService(dispatcher)
			.observationRegistry(this.observationRegistry)
			.interceptor(new MlxLmOkHttpInterceptor(target.hasApiKey(), this.retryMaxAttempts, this.retryBackoff));
		MlxLmClient client = this.client;
		if (client != null) {
			// Health shows the server's versions once any chat reply has named them.
			okHttpBuilder.interceptor(new MlxLmFingerprintInterceptor(client::rememberFingerprint));
		}
		SpringAiOpenAiHttpClient okHttp = okHttpBuilder.build();
		// Calls in flight (a blocking call too) end at once rather than at their read timeout.
		this.resources.add(okHttp.getOkHttpClient().dispatcher()::cancelAll);
		this.resources.add(okHttp);
		this.resources.add(dispatcher::shutdownNow);
		this.resources.add(streamHandler::shutdownNow);
		return ClientOptions.builder()
			.httpClient(new MlxLmOpenAiHttpClient(okHttp, timeout))
			.baseUrl(target.baseUrl())
			// The SDK insists on a key; without one the interceptor strips the header.
			.apiKey(target.hasApiKey() ? target.apiKey() : "no-auth")
			// A retried POST re-runs a generation the server may already be doing.
			.maxRetries(0)
			.timeout(timeout)
			.streamHandlerExecutor(streamHandler)
			.putHeader("User-Agent", USER_AGENT)
			.build();
	}

	private static OpenAiChatOptions defaultOptions(MlxLmChatConnection target) {
		return OpenAiChatOptions.builder()
			.model(target.wireModel())
			// Timeouts are applied by MlxLmOpenAiHttpClient; ZERO means no total-call cap.
			.timeout(Duration.ZERO)
			.maxRetries(0)
			.build();
	}

	private static ExecutorService daemonExecutor(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			// Daemon threads: an application must be able to exit with a stream open.
			thread.setDaemon(true);
			return thread;
		};
		// Like a cached pool, but idle threads go after a second, not a minute: each open
		// stream holds one thread, and a burst of streams should not leave them behind.
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
	}

	/**
	 * Release the connections and threads of every model this factory created.
	 */
	@Override
	public void close() {
		// First end the streams in flight with a clear error (closing their connections),
		// then cancel the calls in flight and release the clients and threads.
		this.closing.tryEmitValue(Boolean.TRUE);
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.debug("Failed to release an MLX-LM chat resource", ex);
			}
		}
		this.resources.clear();
	}

	@Override
	public String toString() {
		return "MlxLmChatModelFactory[" + this.connection + "]";
	}

	/**
	 * Builder for {@link MlxLmChatModelFactory}.
	 */
	public static final class Builder {

		private String baseUrl = "http://localhost:8080/v1";

		private @Nullable String apiKey;

		private @Nullable String model;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration readTimeout = Duration.ofMinutes(5);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable MlxLmClient client;

		private int retryMaxAttempts = 1;

		private Duration retryBackoff = Duration.ofMillis(200);

		private Builder() {
		}

		/**
		 * Retry a request whose connection failed before any byte was sent (refused, or
		 * connect timeout), waiting {@code backoff} before the first retry and doubling it
		 * for each further one. A request once sent, a stream after its first byte and any
		 * HTTP error are never retried. Defaults to 1 attempt: no retry.
		 * @param maxAttempts attempts per request, the first one included (at least 1)
		 * @param backoff wait before the first retry
		 * @return this builder
		 */
		public Builder retry(int maxAttempts, Duration backoff) {
			Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
			Assert.isTrue(backoff.compareTo(Duration.ZERO) > 0, "backoff must be positive");
			this.retryMaxAttempts = maxAttempts;
			this.retryBackoff = backoff;
			return this;
		}

		/**
		 * Set the base URL of the server's OpenAI-compatible API.
		 * @param baseUrl the base URL, such as {@code http://localhost:8080/v1}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Assert.hasText(baseUrl, "baseUrl must not be blank");
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the api key sent as a bearer token; {@code null} or blank sends none.
		 * @param apiKey the api key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the model id to send; {@code null} or blank sends {@value #DEFAULT_MODEL}.
		 * @param model the model id
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the longest time to establish a connection.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout.compareTo(Duration.ZERO) > 0, "connectTimeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the longest silence allowed on an open connection.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout.compareTo(Duration.ZERO) > 0, "readTimeout must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the observation registry for Spring AI's chat observations.
		 * @param observationRegistry the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set the client used by {@link MlxLmChatModelFactory#createAsync} to verify the
		 * server.
		 * @param client the client
		 * @return this builder
		 */
		public Builder client(MlxLmClient client) {
			this.client = client;
			return this;
		}

		/**
		 * Build the factory.
		 * @return the factory
		 */
		public MlxLmChatModelFactory build() {
			return new MlxLmChatModelFactory(this);
		}

	}

}

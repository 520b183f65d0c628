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

package io.github.mlxlm.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The wire to one MLX-LM server ({@code mlx_lm.server}), once: every HTTP call of the
 * library goes through here, on one {@link WebClient}.
 * <p>
 * What the real server needs, and this class does for every caller:
 * <ul>
 * <li>a new connection per request, closed after the reply: the server speaks HTTP/1.0
 * with close-delimited bodies, and a pooled connection that it has already closed makes
 * HTTP clients send the request again;</li>
 * <li>{@code Content-Length} on every POST (the server answers 411 without it), bodies
 * written with exact JSON types and no {@code null} (either makes it drop the
 * connection);</li>
 * <li>a read timeout that measures silence, never the whole reply, so long streams are
 * never cut;</li>
 * <li>a retry only of connections that failed before a byte was sent (refused, or not
 * established within the connect timeout), so that no generation ever runs twice;</li>
 * <li>SSE read on the event loop (no thread per stream), keep-alive comments skipped, and
 * a stream complete only when the server sent its finishing chunk and {@code [DONE]}: a
 * stream that ends otherwise fails with {@link MlxLmException.Reason#CLOSED}, never
 * looking like a short answer;</li>
 * <li>replies and streamed text bounded by {@link MlxLmConnection#maxReplyBytes()};</li>
 * <li>one {@link MlxLmException} type with a reason and the URL, scrubbed of secrets, and
 * one WARN line per failed POST.</li>
 * </ul>
 * Cancelling a stream closes its connection: the server stops generating at its next
 * write. {@link #close()} ends every call in flight with
 * {@link MlxLmException.Reason#SHUTDOWN}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmApi implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MlxLmApi.class);

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Request attribute with a holder where the api's innermost filter records the server
	 * a request finally went to, so that errors can name it behind a load balancer.
	 */
	private static final String SENT_TO = MlxLmApi.class.getName() + ".sentTo";

	private final MlxLmConnection connection;

	private final SingletonSupplier<WebClient> webClient;

	private final JsonMapper jsonMapper;

	private final MlxLmErrors errors;

	private final MlxLmChunkReader chunkReader;

	private final AtomicReference<@Nullable MlxLmServerIdentity> serverIdentity = new AtomicReference<>();

	private final Object closingLock = new Object();

	// Made by the first call: the Reactor classes it loads would cost start-up.
	private Sinks.@Nullable Empty<Void> closing;

	private volatile boolean closed;

	private volatile boolean draining;

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Create the wire to one server.
	 * @param connection how to reach it
	 * @param webClientBuilder the builder to start from, such as Spring Boot's, so that
	 * its customizers and observation apply; it is cloned, never modified, and its
	 * connector is replaced with one that opens a new connection per request
	 */
	public MlxLmApi(MlxLmConnection connection, WebClient.Builder webClientBuilder) {
		this(connection, cloneOf(webClientBuilder));
	}

	/**
	 * Create the wire to one server, with the {@link WebClient.Builder} to start from
	 * asked for only on the first call, so that creating the api costs an application's
	 * start-up nothing.
	 * @param connection how to reach it
	 * @param webClientBuilder supplies a builder of the api's own (it is modified: its
	 * connector is replaced with one that opens a new connection per request); called
	 * once
	 */
	public MlxLmApi(MlxLmConnection connection, Supplier<WebClient.Builder> webClientBuilder) {
		Assert.notNull(connection, "'connection' must not be null");
		Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
		this.connection = connection;
		this.jsonMapper = newJsonMapper();
		this.errors = new MlxLmErrors(connection, this.jsonMapper);
		this.chunkReader = new MlxLmChunkReader(this.jsonMapper);
		this.webClient = SingletonSupplier.of(() -> {
			// No pool: a new connection per request. responseTimeout is the longest
			// silence between reads once the request is sent (a ReadTimeoutHandler on the
			// response), not a bound on the whole reply.
			HttpClient httpClient = HttpClient.create(ConnectionProvider.newConnection())
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, toMillisInt(connection.connectTimeout()))
				.responseTimeout(connection.readTimeout());
			// Innermost filter, after any load balancer's: records where requests go.
			return webClientBuilder.get()
				.clientConnector(new ReactorClientHttpConnector(httpClient))
				.filter(MlxLmApi::recordServer)
				.build();
		});
	}

	private static Supplier<WebClient.Builder> cloneOf(WebClient.Builder webClientBuilder) {
		Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
		WebClient.Builder clone = webClientBuilder.clone();
		return () -> clone;
	}

	/**
	 * Create a JSON mapper that reads and writes the wire's records as the server expects
	 * them: snake_case names, no {@code null} written, unknown properties ignored.
	 * @return a new mapper
	 */
	public static JsonMapper newJsonMapper() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
				.withContentInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

	/**
	 * Create the wire to one server on a plain {@link WebClient.Builder}.
	 * @param connection how to reach it
	 */
	public MlxLmApi(MlxLmConnection connection) {
		this(connection, WebClient.builder());
	}

	/**
	 * Return how this api reaches its server.
	 * @return the connection
	 */
	public MlxLmConnection connection() {
		return this.connection;
	}

	/**
	 * Return the JSON mapper of the wire (snake_case, no {@code null} written), for
	 * callers that turn tool arguments or schemas into JSON the same way.
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * {@code GET <serverRoot>/health}: the server process is alive (also while a model
	 * loads and after a model failed to load).
	 * @return the reply body of a 200; errors with an {@link MlxLmException} otherwise
	 */
	public Mono<byte[]> health() {
		URI url = this.connection.endpoint().healthUrl();
		return get(url).map((reply) -> {
			if (reply.status() != 200) {
				throw this.errors.httpError(url, reply.status(), reply.body());
			}
			return reply.body();
		});
	}

	/**
	 * {@code GET <baseUrl>/models}: the server's Hugging Face cache in random order, then
	 * its own {@code --model} when that is a local path. Not the loaded model.
	 * @return the listing; an empty listing for the empty body of a server without a
	 * cache
	 */
	public Mono<ModelList> models() {
		URI url = this.connection.endpoint().modelsUrl();
		return get(url).map((reply) -> {
			if (reply.status() < 200 || reply.status() > 299) {
				throw this.errors.httpError(url, reply.status(), reply.body());
			}
			if (new String(reply.body(), StandardCharsets.UTF_8).isBlank()) {
				return new ModelList(List.of());
			}
			ModelList list = read(url, reply.body(), ModelList.class);
			return (list.data() != null) ? list : new ModelList(List.of());
		});
	}

	/**
	 * {@code POST <baseUrl>/chat/completions} without streaming: nothing arrives until
	 * the whole answer is generated, so the read timeout must cover the generation, and
	 * cancelling does not stop the server (it notices only when its one write fails).
	 * @param request the request; its {@code stream} is set to {@code false}
	 * @param affinityKey the conversation key for a load balancer, or {@code null}
	 * @return the completion
	 */
	public Mono<Completion> chat(ChatRequest request, @Nullable String affinityKey) {
		URI url = this.connection.endpoint().resolve("chat/completions");
		return complete(url, request.withStream(false), new MlxLmRoutingHint(request.model(), affinityKey));
	}

	/**
	 * {@code POST <baseUrl>/chat/completions} as a stream, usage included. Cancelling
	 * closes the connection, and the server stops at its next token.
	 * @param request the request; its {@code stream} and {@code stream_options} are set
	 * @param affinityKey the conversation key for a load balancer, or {@code null}
	 * @return the chunks, the usage-only chunk last; errors with an
	 * {@link MlxLmException} whose reason is {@link MlxLmException.Reason#CLOSED} when
	 * the stream ends without its finishing chunk and {@code [DONE]}
	 */
	public Flux<Completion> chatStream(ChatRequest request, @Nullable String affinityKey) {
		URI url = this.connection.endpoint().resolve("chat/completions");
		return stream(url, request.withStream(true), new MlxLmRoutingHint(request.model(), affinityKey));
	}

	/**
	 * {@code POST <baseUrl>/completions}: a text completion without a chat template.
	 * @param request the request; its {@code stream} is set to {@code false}
	 * @return the completion, its text in {@code choices[0].text}
	 */
	public Mono<Completion> completion(CompletionRequest request) {
		URI url = this.connection.endpoint().resolve("completions");
		return complete(url, request.withStream(false), new MlxLmRoutingHint(request.model(), null));
	}

	/**
	 * {@code POST <baseUrl>/completions} as a stream, usage included.
	 * @param request the request; its {@code stream} and {@code stream_options} are set
	 * @return the chunks, the usage-only chunk last
	 */
	public Flux<Completion> completionStream(CompletionRequest request) {
		URI url = this.connection.endpoint().resolve("completions");
		return stream(url, request.withStream(true), new MlxLmRoutingHint(request.model(), null));
	}

	/**
	 * Return what the server said about itself in the last reply read ({@code
	 * system_fingerprint}).
	 * @return the server's identity, or {@code null} until a completion was read
	 */
	public @Nullable MlxLmServerIdentity serverIdentity() {
		return this.serverIdentity.get();
	}

	/**
	 * End every call in flight, and fail every later one, with
	 * {@link MlxLmException.Reason#SHUTDOWN}: their connections are closed.
	 */
	@Override
	public void close() {
		this.closed = true;
		Sinks.Empty<Void> sink;
		synchronized (this.closingLock) {
			sink = this.closing;
		}
		if (sink == null) {
			// No call was ever made.
			return;
		}
		try {
			sink.tryEmitEmpty();
		}
		catch (RejectedExecutionException ex) {
			// A cancellation scheduled on event loops that were already shut down: the
			// connections are closed with them.
			logDebug("Calls ended while their event loops were shut down: " + ex.getMessage());
		}
	}

	/**
	 * Refuse every new call with {@link MlxLmException.Reason#SHUTDOWN}, and let the
	 * calls in flight go on until they end or {@link #close()} ends them: the first step
	 * of a graceful shutdown.
	 */
	public void drain() {
		this.draining = true;
	}

	/**
	 * Return how many calls and streams are in flight.
	 * @return the calls in flight
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	private Mono<Completion> complete(URI url, Object request, MlxLmRoutingHint hint) {
		byte[] body = write(url, request);
		return untilClosed(url, Mono.defer(() -> {
			AtomicReference<@Nullable String> sentTo = new AtomicReference<>();
			return post(url, body, hint, MediaType.APPLICATION_JSON, sentTo).exchangeToMono(this::toReply)
				.map((reply) -> completion(url, reply))
				.onErrorMap((ex) -> this.errors.translate(url, sentTo.get(), ex, true));
		}).retryWhen(connectRetry(url))).doOnError((ex) -> logFailure(url, ex));
	}

	private Completion completion(URI url, Reply reply) {
		if (reply.status() < 200 || reply.status() > 299) {
			throw this.errors.httpError(url, reply.server(), reply.status(), reply.body());
		}
		if (reply.body().length == 0) {
			throw new MlxLmConnectionException("MLX-LM server at " + MlxLmErrors.at(url, reply.server())
					+ " closed the connection without a reply (a rejected request parameter, or a server that stopped)",
					url.toString(), MlxLmException.Reason.CLOSED, null);
		}
		Completion completion = read(url, reply.body(), Completion.class);
		if (completion.choices() == null || completion.choices().isEmpty()) {
			throw this.errors.malformed(url, "a completion without 'choices'", null);
		}
		remember(completion.systemFingerprint());
		return completion.withServer(reply.server());
	}

	private Flux<Completion> stream(URI url, Object request, MlxLmRoutingHint hint) {
		byte[] body = write(url, request);
		return Flux.defer(() -> {
			StreamState state = new StreamState();
			Flux<Completion> chunks = post(url, body, hint, MediaType.TEXT_EVENT_STREAM, state.sentTo)
				.exchangeToFlux((response) -> {
					if (response.statusCode().isError()) {
						return toReply(response).flatMapMany((reply) -> Flux
							.error(this.errors.httpError(url, reply.server(), reply.status(), reply.body())));
					}
					MediaType type = response.headers().contentType().orElse(null);
					if (type == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
						return toReply(response).flatMapMany((reply) -> Flux.error(this.errors.malformed(url,
								"expected an event stream, got " + ((type != null) ? type : "no content type") + ": "
										+ this.errors.errorText(reply.body()),
								null)));
					}
					state.server = server(response);
					// Framed on the event loop, as demand allows: no thread per stream,
					// and no buffer beyond the event being read.
					MlxLmSseFraming framing = new MlxLmSseFraming();
					return response.body(BodyExtractors.toDataBuffers()).concatMapIterable((buffer) -> {
						state.bytes += buffer.readableByteCount();
						if (state.bytes > this.connection.maxReplyBytes()) {
							DataBufferUtils.release(buffer);
							throw new MlxLmResponseException("MLX-LM server at " + url
									+ " streamed more than the limit of " + this.connection.maxReplyBytes()
									+ " bytes (after " + state.chunks + " chunks)", url.toString(),
									MlxLmException.Reason.TOO_LARGE, null);
						}
						return framing.feed(buffer);
					}).concatWith(Flux.defer(() -> Flux.fromIterable(framing.finish())));
				})
				.onErrorMap((ex) -> this.errors.translate(url, state.sentTo.get(), ex, true))
				.retryWhen(connectRetry(url))
				.<Completion>handle((data, sink) -> {
					if (isDone(data)) {
						state.done = true;
						sink.complete();
						return;
					}
					Completion chunk;
					try {
						chunk = this.chunkReader.read(data, state.server);
					}
					catch (JacksonException ex) {
						sink.error(this.errors.malformed(url,
								"chunk " + (state.chunks + 1) + " is not JSON (" + ex.getOriginalMessage() + ")", ex));
						return;
					}
					state.chunks++;
					if (state.chunks == 1) {
						remember(chunk.systemFingerprint());
					}
					if (chunk.finishReason() != null) {
						state.finished = true;
					}
					sink.next(chunk);
				})
				.concatWith(Mono
					.defer(() -> (state.done && state.finished) ? Mono.empty() : Mono.error(incomplete(url, state))));
			return untilClosed(url, chunks);
		}).doOnError((ex) -> logFailure(url, ex));
	}

	private static boolean isDone(byte[] data) {
		int start = 0;
		int end = data.length;
		while (start < end && Character.isWhitespace(data[start])) {
			start++;
		}
		while (end > start && Character.isWhitespace(data[end - 1])) {
			end--;
		}
		return end - start == DONE.length && Arrays.equals(data, start, end, DONE, 0, DONE.length);
	}

	private MlxLmException incomplete(URI url, StreamState state) {
		if (state.done) {
			return this.errors.malformed(url,
					"the stream ended with [DONE] but without a finishing chunk, after " + state.chunks + " chunks",
					null);
		}
		return new MlxLmConnectionException("MLX-LM server at " + MlxLmErrors.at(url, state.sentTo.get())
				+ " closed the stream after " + state.chunks + " chunks, "
				+ (state.finished ? "before [DONE]" : "before its finishing chunk and [DONE]")
				+ ": the answer is incomplete", url.toString(), MlxLmException.Reason.CLOSED, null);
	}

	private Mono<Reply> get(URI url) {
		return untilClosed(url,
				this.webClient.obtain()
					.get()
					.uri(url)
					.accept(MediaType.APPLICATION_JSON)
					.headers(this::authorize)
					.attribute(MlxLmRoutingHint.ATTRIBUTE, new MlxLmRoutingHint(this.connection.modelSent(), null))
					.exchangeToMono(this::toReply)
					.doOnSubscribe((subscription) -> logDebug("GET " + url))
					.onErrorMap((ex) -> this.errors.translate(url, ex, false))
					.retryWhen(connectRetry(url)));
	}

	private WebClient.RequestHeadersSpec<?> post(URI url, byte[] body, MlxLmRoutingHint hint, MediaType accept,
			AtomicReference<@Nullable String> sentTo) {
		logDebug("POST " + url);
		// A byte[] body goes out with Content-Length, which the server requires.
		return this.webClient.obtain()
			.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(accept)
			.headers(this::authorize)
			.attribute(MlxLmRoutingHint.ATTRIBUTE, hint)
			.attribute(SENT_TO, sentTo)
			.bodyValue(body);
	}

	/*
	 * Completes when this api is closed; made by the first call, ending at once if the
	 * api was closed before.
	 */
	private Mono<Void> closing() {
		synchronized (this.closingLock) {
			Sinks.Empty<Void> sink = this.closing;
			if (sink == null) {
				sink = Sinks.empty();
				if (this.closed) {
					sink.tryEmitEmpty();
				}
				this.closing = sink;
			}
			return sink.asMono();
		}
	}

	private <T> Mono<T> untilClosed(URI url, Mono<T> call) {
		if (this.closed || this.draining) {
			return Mono.error(shutDown(url));
		}
		return call.takeUntilOther(closing().then(Mono.just(Boolean.TRUE)))
			.switchIfEmpty(Mono.defer(() -> this.closed ? Mono.error(shutDown(url)) : Mono.empty()))
			.doOnSubscribe((subscription) -> this.inFlight.incrementAndGet())
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	private <T> Flux<T> untilClosed(URI url, Flux<T> call) {
		if (this.closed || this.draining) {
			return Flux.error(shutDown(url));
		}
		return call.takeUntilOther(closing().then(Mono.just(Boolean.TRUE)))
			.concatWith(Mono.defer(() -> this.closed ? Mono.error(shutDown(url)) : Mono.empty()))
			.doOnSubscribe((subscription) -> this.inFlight.incrementAndGet())
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	private MlxLmException shutDown(URI url) {
		return new MlxLmException(
				"MLX-LM call to " + url + " was ended: the application is shutting down, so the"
						+ " connection was closed before the reply was complete",
				url.toString(), MlxLmException.Reason.SHUTDOWN, null);
	}

	/*
	 * Retry only a connection that failed before any request byte was sent: nothing
	 * reached the server, so no generation can run twice. An HTTP error or a failure
	 * after the request was sent is reported as it is.
	 */
	private Retry connectRetry(URI url) {
		// Reactor's backoff waits on its parallel scheduler: no thread is held meanwhile.
		return Retry.backoff(this.connection.maxAttempts() - 1L, this.connection.backoff())
			.filter((ex) -> ex instanceof MlxLmConnectionException connect && connect.beforeAnyByteSent())
			.doBeforeRetry((signal) -> logDebug("Retrying " + url + " (attempt " + (signal.totalRetries() + 2) + " of "
					+ this.connection.maxAttempts() + ") after: " + signal.failure().getMessage()))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private Mono<Reply> toReply(ClientResponse response) {
		return DataBufferUtils
			.join(response.body(BodyExtractors.toDataBuffers()), toMillisInt(this.connection.maxReplyBytes()))
			.map(MlxLmApi::toBytes)
			.defaultIfEmpty(EMPTY)
			.map((bytes) -> new Reply(response.statusCode().value(), bytes, server(response)));
	}

	private byte[] write(URI url, Object request) {
		try {
			return this.jsonMapper.writeValueAsBytes(request);
		}
		catch (JacksonException ex) {
			throw new MlxLmInvalidRequestException(
					"Request to MLX-LM server at " + url + " could not be written as JSON: " + ex.getOriginalMessage(),
					url.toString(), null);
		}
	}

	private <T> T read(URI url, byte[] body, Class<T> type) {
		try {
			T value = this.jsonMapper.readValue(body, type);
			if (value == null) {
				throw this.errors.malformed(url, "an empty JSON document", null);
			}
			return value;
		}
		catch (JacksonException ex) {
			throw this.errors.malformed(url, "malformed JSON (" + ex.getOriginalMessage() + ")", ex);
		}
	}

	private void remember(@Nullable String fingerprint) {
		MlxLmServerIdentity identity = MlxLmServerIdentity.parse(fingerprint);
		if (identity != null) {
			this.serverIdentity.set(identity);
		}
	}

	private void authorize(HttpHeaders headers) {
		if (this.connection.apiKey() != null) {
			headers.setBearerAuth(this.connection.apiKey());
		}
	}

	private static void logFailure(URI url, Throwable ex) {
		// One line per failed call; the stack trace only for those who debug.
		if (ex instanceof MlxLmInvalidRequestException) {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("MLX-LM call to " + url + " failed", ex);
		}
		else if (logger.isWarnEnabled()) {
			logger.warn(ex.getMessage());
		}
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

	private static int toMillisInt(long value) {
		return (int) Math.min(Integer.MAX_VALUE, value);
	}

	@Override
	public String toString() {
		return "MlxLmApi[" + this.connection + "]";
	}

	/*
	 * Return the server that sent a response: the host and port the request finally went
	 * to (after a load balancer in the filters rewrote an {@code lb://} URL).
	 */
	private @Nullable String server(ClientResponse response) {
		try {
			return MlxLmEndpoint.serverName(response.request().getURI());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/*
	 * The innermost filter: records the server each request is about to be sent to (after
	 * a load balancer rewrote an {@code lb://} URL) in the holder of its {@link #SENT_TO}
	 * attribute.
	 */
	@SuppressWarnings("unchecked")
	private static Mono<ClientResponse> recordServer(ClientRequest request, ExchangeFunction next) {
		Object holder = request.attributes().get(SENT_TO);
		if (holder instanceof AtomicReference<?> reference) {
			((AtomicReference<@Nullable String>) reference).set(MlxLmEndpoint.serverName(request.url()));
		}
		return next.exchange(request);
	}

	private record Reply(int status, byte[] body, @Nullable String server) {
	}

	private static final class StreamState {

		@Nullable String server;

		final AtomicReference<@Nullable String> sentTo = new AtomicReference<>();

		long bytes;

		int chunks;

		boolean finished;

		boolean done;

	}

	/**
	 * {@code GET /v1/models}.
	 *
	 * @param data the entries
	 */
	public record ModelList(@Nullable List<ModelEntry> data) {
	}

	/**
	 * One entry of {@code /v1/models}.
	 *
	 * @param id the model id: a Hugging Face repo id, or an absolute path for a local
	 * {@code --model}
	 * @param object always {@code model}
	 * @param created the request time (the same for every entry), not a creation time
	 */
	public record ModelEntry(@Nullable String id, @Nullable String object, @Nullable Long created) {
	}

	/**
	 * A chat completion request. Unset values are not written: the server drops the
	 * connection on any JSON {@code null}.
	 *
	 * @param model the model id: the configured one or {@code default_model}, never a
	 * guess
	 * @param messages the conversation
	 * @param maxTokens most tokens to generate
	 * @param temperature sampling temperature
	 * @param topP nucleus sampling
	 * @param stop stop sequences
	 * @param seed sampling seed
	 * @param presencePenalty presence penalty
	 * @param frequencyPenalty frequency penalty
	 * @param tools tools the model may call
	 * @param stream whether to stream
	 * @param streamOptions stream options, always with usage
	 * @param extra MLX-only values (such as {@code top_k}, {@code min_p}), already with
	 * their exact JSON types and wire names
	 */
	public record ChatRequest(String model, List<Message> messages, @Nullable Integer maxTokens,
			@Nullable Double temperature, @Nullable Double topP, @Nullable List<String> stop, @Nullable Integer seed,
			@Nullable Double presencePenalty, @Nullable Double frequencyPenalty, @Nullable List<Tool> tools,
			@Nullable Boolean stream, @Nullable StreamOptions streamOptions, @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Return this request with streaming switched on (usage included) or off (the
		 * server's default, so nothing is written).
		 * @param streaming whether to stream
		 * @return the request
		 */
		public ChatRequest withStream(boolean streaming) {
			return new ChatRequest(this.model, this.messages, this.maxTokens, this.temperature, this.topP, this.stop,
					this.seed, this.presencePenalty, this.frequencyPenalty, this.tools, streaming ? Boolean.TRUE : null,
					streaming ? StreamOptions.USAGE : null, this.extra);
		}

	}

	/**
	 * A text completion request.
	 *
	 * @param model the model id
	 * @param prompt the prompt text
	 * @param stream whether to stream
	 * @param streamOptions stream options, always with usage
	 * @param extra the options, already with their exact JSON types and wire names
	 */
	public record CompletionRequest(String model, String prompt, @Nullable Boolean stream,
			@Nullable StreamOptions streamOptions, @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Return this request with streaming switched on (usage included) or off (the
		 * server's default, so nothing is written).
		 * @param streaming whether to stream
		 * @return the request
		 */
		public CompletionRequest withStream(boolean streaming) {
			return new CompletionRequest(this.model, this.prompt, streaming ? Boolean.TRUE : null,
					streaming ? StreamOptions.USAGE : null, this.extra);
		}

	}

	/**
	 * {@code stream_options}: always with {@code include_usage: true}, since an empty
	 * object breaks the server's stream before {@code [DONE]}.
	 *
	 * @param includeUsage whether the usage chunk is sent
	 */
	public record StreamOptions(boolean includeUsage) {

		static final StreamOptions USAGE = new StreamOptions(true);

	}

	/**
	 * A message of a chat request or reply.
	 *
	 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
	 * @param content the text
	 * @param reasoning a thinking model's reasoning (replies only)
	 * @param toolCalls the tools an assistant message calls
	 * @param toolCallId the call a {@code tool} message answers
	 * @param name the tool's name on a {@code tool} message
	 */
	public record Message(@Nullable String role, @Nullable String content, @Nullable String reasoning,
			@Nullable List<ToolCall> toolCalls, @Nullable String toolCallId, @Nullable String name) {
	}

	/**
	 * A tool call: whole in one chunk when streamed.
	 *
	 * @param index the call's index in a stream
	 * @param id the call's id (a bare uuid)
	 * @param type always {@code function}
	 * @param function the function and its arguments
	 */
	public record ToolCall(@Nullable Integer index, @Nullable String id, @Nullable String type,
			@Nullable FunctionCall function) {
	}

	/**
	 * The function of a tool call.
	 *
	 * @param name the function's name
	 * @param arguments its arguments, as a JSON text
	 */
	public record FunctionCall(@Nullable String name, @Nullable String arguments) {
	}

	/**
	 * A tool the model may call.
	 *
	 * @param type always {@code function}
	 * @param function the function
	 */
	public record Tool(String type, Function function) {
	}

	/**
	 * A function the model may call.
	 *
	 * @param name its name
	 * @param description what it does
	 * @param parameters the JSON schema of its arguments
	 */
	public record Function(String name, @Nullable String description, @Nullable JsonNode parameters) {
	}

	/**
	 * A completion, or one chunk of a streamed one: chat and text completions share the
	 * shape.
	 *
	 * @param id the completion's id
	 * @param systemFingerprint {@code <mlx-lm version>-<mlx version>-<platform>-<gpu>}
	 * @param object {@code chat.completion}, {@code chat.completion.chunk} or
	 * {@code text_completion}
	 * @param model the model id the request sent (echoed)
	 * @param created when the reply was made, in seconds
	 * @param choices the choices; empty on the usage-only last chunk
	 * @param usage token counts, on a reply or the last chunk
	 * @param server the server that sent it, as {@code host:port} (with several servers
	 * behind {@code lb://}, the one the load balancer chose); set by this api, never read
	 * from the reply, {@code null} when not known
	 */
	public record Completion(@Nullable String id, @Nullable String systemFingerprint, @Nullable String object,
			@Nullable String model, @Nullable Long created, @Nullable List<Choice> choices, @Nullable Usage usage,
			@JsonIgnore @Nullable String server) {

		/**
		 * Return this completion as sent by a server.
		 * @param server the server, as {@code host:port}, or {@code null}
		 * @return the completion
		 */
		public Completion withServer(@Nullable String server) {
			return new Completion(this.id, this.systemFingerprint, this.object, this.model, this.created, this.choices,
					this.usage, server);
		}

		/**
		 * Return the finish reason of the first choice that has one.
		 * @return the finish reason, or {@code null}
		 */
		public @Nullable String finishReason() {
			if (this.choices == null) {
				return null;
			}
			for (Choice choice : this.choices) {
				if (choice.finishReason() != null) {
					return choice.finishReason();
				}
			}
			return null;
		}

	}

	/**
	 * One choice of a completion.
	 *
	 * @param index its index
	 * @param finishReason {@code stop}, {@code length} or {@code tool_calls};
	 * {@code null} until the last chunk
	 * @param message the whole message (chat replies)
	 * @param delta this chunk's part of the message (chat streams)
	 * @param text the text (text completions)
	 * @param logprobs log probabilities, when asked for (non-streaming replies only)
	 */
	public record Choice(@Nullable Integer index, @Nullable String finishReason, @Nullable Message message,
			@Nullable Message delta, @Nullable String text, @Nullable JsonNode logprobs) {
	}

	/**
	 * Token counts.
	 *
	 * @param promptTokens tokens in the prompt
	 * @param completionTokens tokens generated
	 * @param totalTokens both together
	 * @param promptTokensDetails how many prompt tokens came from the prompt cache
	 */
	public record Usage(@Nullable Integer promptTokens, @Nullable Integer completionTokens,
			@Nullable Integer totalTokens, @Nullable PromptTokensDetails promptTokensDetails) {

		/**
		 * Return how many prompt tokens the server's prompt cache held.
		 * @return the cached tokens, or {@code null} when the server did not say (mlx-lm
		 * 0.28 sends no {@code prompt_tokens_details})
		 */
		public @Nullable Integer cachedTokens() {
			return (this.promptTokensDetails != null) ? this.promptTokensDetails.cachedTokens() : null;
		}

	}

	/**
	 * Details of the prompt tokens.
	 *
	 * @param cachedTokens tokens the prompt cache held
	 */
	public record PromptTokensDetails(@Nullable Integer cachedTokens) {
	}

}

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

package io.github.mlxlm.sample;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.chat.MlxLmChatModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.util.concurrent.Queues;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A chat stream as server-sent events, in order:
 * <ul>
 * <li>unnamed events: the answer text, one event per chunk (their concatenation is the
 * whole answer);</li>
 * <li>{@code reasoning}: this chunk's part of a thinking model's reasoning;</li>
 * <li>{@code tool}: a tool call as it runs, JSON {@code {"name", "arguments",
 * "result"}};</li>
 * <li>{@code done}: the last event of a complete answer, JSON {@code {"finishReason",
 * "usage", "model"}};</li>
 * <li>{@code error}: the last event of a stream that failed or was cut after it started,
 * an RFC 9457 problem detail with the status, title and detail {@code POST /chat} would
 * answer.</li>
 * </ul>
 * A failure before the first event is no event: the response is then an ordinary problem
 * detail with its HTTP status, as on {@code /chat}.
 *
 * @author mlxlm developers
 */
@Component
class ChatEventStream {

	static final String REASONING = "reasoning";

	static final String TOOL = "tool";

	static final String DONE = "done";

	static final String ERROR = "error";

	private static final Log logger = LogFactory.getLog(ChatEventStream.class);

	private final ChatModel chatModel;

	private final ChatClient chatClient;

	private final MlxLmConnectionDetails connectionDetails;

	private final Duration heartbeatInterval;

	ChatEventStream(ChatModel chatModel, ChatClient.Builder chatClientBuilder, MlxLmConnectionDetails connectionDetails,
			@Value("${sample.stream.heartbeat-interval:15s}") Duration heartbeatInterval) {
		this.chatModel = chatModel;
		this.chatClient = chatClientBuilder.build();
		this.connectionDetails = connectionDetails;
		this.heartbeatInterval = heartbeatInterval;
	}

	/*
	 * Stream the answer to one message.
	 *
	 * @param message the user's message
	 *
	 * @param withTools whether the model may call {@link WeatherTools}
	 *
	 * @param request the request: its path is the problem detail's {@code instance}, and
	 * its connection's end cancels the answer
	 *
	 * @return the events; the last one is {@code done} or {@code error}
	 */
	Flux<ServerSentEvent<Object>> stream(String message, boolean withTools, ServerHttpRequest request) {
		String path = request.getPath().value();
		Flux<ServerSentEvent<Object>> answer = Flux.defer(() -> {
			Progress progress = new Progress();
			Flux<ServerSentEvent<Object>> events = withTools ? toolEvents(message, progress)
					: events(this.chatModel.stream(new Prompt(message)), progress);
			return withHeartbeats(events).doOnNext((event) -> progress.started = true)
				.concatWith(Mono.defer(() -> progress.finish(chatUrl())))
				.onErrorResume((ex) -> {
					// Once an event went out the status line is sent: the failure can
					// only be told
					// in the stream. Before that, the usual problem response (and status)
					// applies.
					if (!progress.started) {
						return Mono.error(ex);
					}
					return Mono.just(errorEvent(ex, path));
				});
		});
		return answer.takeUntilOther(connectionClosed(request));
	}

	/*
	 * Completes when the client's connection closes. WebFlux cancels a response body when
	 * Reactor Netty handles the end of the connection, but not when the body's first
	 * event arrives between the close and that handling: Reactor Netty then refuses the
	 * write without reading the body, Spring's ChannelSendOperator keeps it subscribed,
	 * and the chat stream would hold its connection to mlx_lm.server (and the server's
	 * generation) for good. The close itself is not missed.
	 */
	private static Mono<Void> connectionClosed(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		return (nativeRequest instanceof Connection connection) ? connection.onDispose() : Mono.never();
	}

	/*
	 * Add an SSE comment ({@code : heartbeat}) every interval while the answer goes on,
	 * so that a proxy with an idle timeout (often 60 s) does not cut a stream that waits
	 * on a silent server (a long prompt, a busy server): the read timeout allows minutes
	 * of silence. Readers (EventSource, WebClient) skip comments.
	 */
	private Flux<ServerSentEvent<Object>> withHeartbeats(Flux<ServerSentEvent<Object>> events) {
		Sinks.Empty<Void> ended = Sinks.empty();
		Flux<ServerSentEvent<Object>> beats = Flux.interval(this.heartbeatInterval)
			.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build())
			.takeUntilOther(ended.asMono());
		// Errors wait behind the events already queued (a plain merge would drop them).
		return Flux.mergeDelayError(Queues.XS_BUFFER_SIZE, events.doFinally((signal) -> ended.tryEmitEmpty()), beats);
	}

	private Flux<ServerSentEvent<Object>> toolEvents(String message, Progress progress) {
		// Tools run on Spring AI's thread between the tool-call reply and the follow-up
		// request, so their events reach the merge before any text of the final answer.
		Sinks.Many<WeatherTools.ToolCallRecord> calls = Sinks.many().unicast().onBackpressureBuffer();
		WeatherTools tools = new WeatherTools((call) -> calls.emitNext(call, Sinks.EmitFailureHandler.FAIL_FAST));
		Flux<ServerSentEvent<Object>> answer = this.chatClient.prompt()
			.user(message)
			.tools(tools)
			.stream()
			.chatResponse()
			.doFinally((signal) -> calls.tryEmitComplete())
			.transform((responses) -> events(responses, progress));
		return Flux.mergeDelayError(Queues.XS_BUFFER_SIZE, calls.asFlux().map((call) -> event(TOOL, call)), answer);
	}

	/*
	 * Map each response to its events. Errors wait for the events already queued (delay
	 * error): a writer that asks for one event at a time must still send every chunk that
	 * arrived before a cut, then the error.
	 */
	private static Flux<ServerSentEvent<Object>> events(Flux<ChatResponse> responses, Progress progress) {
		return responses.concatMapDelayError((response) -> Flux.fromIterable(progress.events(response)),
				Queues.XS_BUFFER_SIZE);
	}

	private String chatUrl() {
		String baseUrl = this.connectionDetails.getBaseUrl();
		return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/chat/completions";
	}

	private static ServerSentEvent<Object> errorEvent(Throwable ex, String path) {
		ProblemDetail problem;
		if (ex instanceof MlxLmException mlx) {
			// The starter has logged the failure once already.
			problem = ChatErrorHandler.describe(mlx);
		}
		else {
			// Not the server's fault: say so without leaking internals, as Spring's
			// own 500 does.
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The chat stream failed");
			logger.error("Chat stream failed after it started", ex);
		}
		// As Spring sets it on a problem response: the request path.
		problem.setInstance(URI.create(path));
		return event(ERROR, problem);
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	/*
	 * SSE readers drop one space after {@code data:}, and Spring writes none, so a chunk
	 * such as {@code " world"} would lose its space. A leading space on every line keeps
	 * the chunk exact for any spec-compliant reader.
	 */
	static String sseSafe(String chunk) {
		return " " + chunk.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n ");
	}

	/**
	 * What one stream has seen so far: whether an event went out, and what the
	 * {@code done} event reports. Events are serialised by Reactor, so plain fields
	 * suffice.
	 */
	private static final class Progress {

		volatile boolean started;

		@Nullable String finishReason;

		@Nullable Usage usage;

		@Nullable String model;

		List<ServerSentEvent<Object>> events(ChatResponse response) {
			if (StringUtils.hasText(response.getMetadata().getModel())) {
				this.model = response.getMetadata().getModel();
			}
			Usage chunkUsage = response.getMetadata().getUsage();
			if (chunkUsage != null && chunkUsage.getTotalTokens() != null && chunkUsage.getTotalTokens() > 0) {
				this.usage = chunkUsage;
			}
			Generation result = response.getResult();
			if (result == null) {
				return List.of();
			}
			List<ServerSentEvent<Object>> events = new ArrayList<>(2);
			if (result.getOutput().getMetadata().get(MlxLmChatModel.REASONING) instanceof String reasoning
					&& !reasoning.isEmpty()) {
				events.add(ServerSentEvent.<Object>builder(sseSafe(reasoning)).event(REASONING).build());
			}
			String text = result.getOutput().getText();
			if (text != null && !text.isEmpty()) {
				events.add(ServerSentEvent.<Object>builder(sseSafe(text)).build());
			}
			String reason = result.getMetadata().getFinishReason();
			if (StringUtils.hasText(reason)) {
				this.finishReason = reason.toLowerCase(Locale.ROOT);
			}
			else if (!events.isEmpty()) {
				// Output after a finish (a tool call's follow-up answer) reopens the
				// answer.
				this.finishReason = null;
			}
			return events;
		}

		Mono<ServerSentEvent<Object>> finish(String chatUrl) {
			if (this.finishReason == null) {
				// The starter already fails a stream the server cut; this guards the page
				// against any answer without a finish reason all the same.
				return Mono.error(new MlxLmConnectionException(
						"MLX-LM server at " + chatUrl
								+ " closed the stream before the answer was complete (no finish reason)",
						chatUrl, MlxLmException.Reason.CLOSED, null));
			}
			return Mono.just(event(DONE,
					new StreamDone(this.finishReason, ChatController.TokenUsage.from(this.usage), this.model)));
		}

	}

	/**
	 * The data of the {@code done} event.
	 *
	 * @param finishReason why generation stopped ({@code stop}, {@code length}, ...)
	 * @param usage token counts
	 * @param model the model the server reported
	 */
	record StreamDone(String finishReason, ChatController.TokenUsage usage, @Nullable String model) {
	}

}

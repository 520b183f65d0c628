package io.github.mlxlm.sample;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Chat over HTTP: one answer as JSON, or a stream of chunks as server-sent events.
 */
@RestController
class ChatController {

	private final MlxLmChatModel chatModel;

	private final ChatClient chatClient;

	private final ChatEventStream events;

	ChatController(MlxLmChatModel chatModel, ChatClient.Builder chatClientBuilder, ChatEventStream events) {
		this.chatModel = chatModel;
		this.chatClient = chatClientBuilder.build();
		this.events = events;
	}

	@PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ChatAnswer> chat(@RequestBody(required = false) @Nullable ChatQuestion question) {
		ChatQuestion valid = requireQuestion(question);
		String message = valid.message();
		MlxLmChatOptions options = valid.options();
		// Non-blocking, and cancelled when the client goes away: the connection closes
		// and the server stops generating at its next token.
		return this.chatModel.reactiveCall(new Prompt(message, options))
			.map((response) -> ChatAnswer.from(response, null));
	}

	@PostMapping(path = "/chat/tools", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ChatAnswer> chatWithTools(@RequestBody(required = false) @Nullable ChatQuestion question) {
		ChatQuestion valid = requireQuestion(question);
		String message = valid.message();
		MlxLmChatOptions options = valid.options();
		WeatherTools tools = new WeatherTools();
		return Mono
			.fromCallable(() -> this.chatClient.prompt()
				.user(message)
				.options(options.mutate())
				.tools(tools)
				.call()
				.chatResponse())
			.subscribeOn(Schedulers.boundedElastic())
			.map((response) -> ChatAnswer.from(response, tools.calls()));
	}

	/**
	 * The answer as server-sent events; see {@link ChatEventStream} for the events.
	 * @param message the user's message
	 * @param tools whether the model may call the weather tool
	 * @param request the request, whose path a problem detail names
	 * @return the events
	 */
	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestParam(required = false) @Nullable String message,
			@RequestParam(defaultValue = "false") boolean tools, ServerHttpRequest request) {
		return this.events.stream(requireMessage(message), tools, request.getPath().value());
	}

	private static ChatQuestion requireQuestion(@Nullable ChatQuestion question) {
		requireMessage((question != null) ? question.message() : null);
		return question;
	}

	private static String requireMessage(@Nullable String message) {
		if (!StringUtils.hasText(message)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'message' must not be blank");
		}
		return message;
	}

	/**
	 * The question posted to {@code /chat} and {@code /chat/tools}.
	 *
	 * @param message the user's message
	 * @param temperature sampling temperature for this request, or {@code null} for the
	 * configured default
	 * @param maxTokens most tokens to generate, or {@code null} for the configured
	 * default
	 * @param enableThinking whether a thinking model should reason first, or {@code null}
	 * for the model's default
	 */
	record ChatQuestion(@Nullable String message, @Nullable Double temperature, @Nullable Integer maxTokens,
			@Nullable Boolean enableThinking) {

		MlxLmChatOptions options() {
			// Merged over mlxlm.chat.* by the starter: unset values keep the defaults.
			return MlxLmChatOptions.builder()
				.temperature(this.temperature)
				.maxTokens(this.maxTokens)
				.enableThinking(this.enableThinking)
				.build();
		}

	}

	/**
	 * The answer of {@code /chat}.
	 *
	 * @param answer the model's text
	 * @param model the model the server reported
	 * @param finishReason why generation stopped ({@code stop}, {@code length}, ...)
	 * @param usage token counts
	 * @param reasoning the model's reasoning, when it reasoned
	 * @param toolCalls the tools that ran, on {@code /chat/tools}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ChatAnswer(String answer, @Nullable String model, @Nullable String finishReason, TokenUsage usage,
			@Nullable String reasoning, @Nullable List<WeatherTools.ToolCallRecord> toolCalls) {

		static ChatAnswer from(ChatResponse response, @Nullable List<WeatherTools.ToolCallRecord> toolCalls) {
			Generation result = response.getResult();
			String answer = (result != null && result.getOutput().getText() != null) ? result.getOutput().getText()
					: "";
			String finishReason = (result != null) ? result.getMetadata().getFinishReason() : null;
			Object reasoning = (result != null) ? result.getOutput().getMetadata().get(MlxLmChatModel.REASONING) : null;
			return new ChatAnswer(answer, response.getMetadata().getModel(),
					(finishReason != null) ? finishReason.toLowerCase(Locale.ROOT) : null,
					TokenUsage.from(response.getMetadata().getUsage()),
					(reasoning instanceof String text && !text.isEmpty()) ? text : null, toolCalls);
		}

	}

	/**
	 * Token counts of one answer.
	 *
	 * @param promptTokens tokens in the prompt
	 * @param completionTokens tokens generated
	 * @param totalTokens both together
	 */
	record TokenUsage(int promptTokens, int completionTokens, int totalTokens) {

		static TokenUsage from(@Nullable Usage usage) {
			if (usage == null) {
				return new TokenUsage(0, 0, 0);
			}
			return new TokenUsage(orZero(usage.getPromptTokens()), orZero(usage.getCompletionTokens()),
					orZero(usage.getTotalTokens()));
		}

		private static int orZero(@Nullable Integer value) {
			return (value != null) ? value : 0;
		}

	}

}

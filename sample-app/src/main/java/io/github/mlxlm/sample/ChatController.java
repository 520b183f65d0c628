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

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.api.AdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
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
 *
 * @author mlxlm developers
 */
@RestController
class ChatController {

	private final MlxLmChatModel chatModel;

	private final ChatClient chatClient;

	private static final AdvisorChain NO_CHAIN = new AdvisorChain() {
	};

	private final ChatEventStream events;

	/**
	 * Spring AI's chat memory, in memory: the last 20 messages of each conversation.
	 */
	private final MessageChatMemoryAdvisor memory = MessageChatMemoryAdvisor
		.builder(MessageWindowChatMemory.builder().build())
		.build();

	ChatController(MlxLmChatModel chatModel, ChatClient.Builder chatClientBuilder, ChatEventStream events) {
		this.chatModel = chatModel;
		this.chatClient = chatClientBuilder.build();
		this.events = events;
	}

	@PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ChatAnswer> chat(@RequestBody(required = false) @Nullable ChatQuestion question) {
		ChatQuestion valid = requireQuestion(question);
		String message = requireMessage(valid.message());
		MlxLmChatOptions options = valid.options();
		String conversationId = valid.conversationId();
		if (!StringUtils.hasText(conversationId)) {
			// Non-blocking, and cancelled when the client goes away: the
			// connection closes and the server stops generating at its next token.
			return this.chatModel.reactiveCall(new Prompt(message, options))
				.map((response) -> ChatAnswer.from(response, null));
		}
		// A turn of a conversation: the memory advisor adds the earlier turns
		// before the call and keeps the answer after it, around the same
		// non-blocking call. The conversation id also goes to the chat model's
		// options (never to the server), so that with several servers every turn
		// reaches the one whose prompt cache holds the conversation, even once the
		// memory window no longer starts with its first message.
		ChatClientRequest request = ChatClientRequest.builder()
			.prompt(new Prompt(new UserMessage(message), options.mutate().conversationId(conversationId).build()))
			.context(Map.of(ChatMemory.CONVERSATION_ID, conversationId))
			.build();
		return Mono.fromSupplier(() -> this.memory.before(request, NO_CHAIN))
			.flatMap((advised) -> this.chatModel.reactiveCall(advised.prompt())
				.mapNotNull((response) -> this.memory
					.after(ChatClientResponse.builder().chatResponse(response).context(advised.context()).build(),
							NO_CHAIN)
					.chatResponse()))
			.map((response) -> ChatAnswer.from(response, null));
	}

	@PostMapping(path = "/chat/tools", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ChatAnswer> chatWithTools(@RequestBody(required = false) @Nullable ChatQuestion question) {
		ChatQuestion valid = requireQuestion(question);
		String message = requireMessage(valid.message());
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
		return this.events.stream(requireMessage(message), tools, request);
	}

	private static ChatQuestion requireQuestion(@Nullable ChatQuestion question) {
		if (question == null) {
			throw blankMessage();
		}
		return question;
	}

	private static String requireMessage(@Nullable String message) {
		if (!StringUtils.hasText(message)) {
			throw blankMessage();
		}
		return message;
	}

	private static ResponseStatusException blankMessage() {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, "'message' must not be blank");
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
	 * @param conversationId the conversation this message continues (its earlier turns
	 * come from the chat memory), or {@code null} for a single question; {@code /chat}
	 * only
	 */
	record ChatQuestion(@Nullable String message, @Nullable Double temperature, @Nullable Integer maxTokens,
			@Nullable Boolean enableThinking, @Nullable String conversationId) {

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
	 * @param server the server that answered, as {@code host:port} (with several servers,
	 * the one the load balancer chose)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ChatAnswer(String answer, @Nullable String model, @Nullable String finishReason, TokenUsage usage,
			@Nullable String reasoning, @Nullable List<WeatherTools.ToolCallRecord> toolCalls,
			@Nullable String server) {

		static ChatAnswer from(ChatResponse response, @Nullable List<WeatherTools.ToolCallRecord> toolCalls) {
			Generation result = response.getResult();
			String answer = (result != null && result.getOutput().getText() != null) ? result.getOutput().getText()
					: "";
			String finishReason = (result != null) ? result.getMetadata().getFinishReason() : null;
			Object reasoning = (result != null) ? result.getOutput().getMetadata().get(MlxLmChatModel.REASONING) : null;
			return new ChatAnswer(answer, response.getMetadata().getModel(),
					(finishReason != null) ? finishReason.toLowerCase(Locale.ROOT) : null,
					TokenUsage.from(response.getMetadata().getUsage()),
					(reasoning instanceof String text && !text.isEmpty()) ? text : null, toolCalls,
					response.getMetadata().get(MlxLmChatModel.SERVER));
		}

	}

	/**
	 * Token counts of one answer.
	 *
	 * @param promptTokens tokens in the prompt
	 * @param completionTokens tokens generated
	 * @param totalTokens both together
	 * @param cachedTokens prompt tokens the server's prompt cache held (no prefill time)
	 */
	record TokenUsage(int promptTokens, int completionTokens, int totalTokens, long cachedTokens) {

		static TokenUsage from(@Nullable Usage usage) {
			if (usage == null) {
				return new TokenUsage(0, 0, 0, 0);
			}
			return new TokenUsage(orZero(usage.getPromptTokens()), orZero(usage.getCompletionTokens()),
					orZero(usage.getTotalTokens()),
					(usage.getCacheReadInputTokens() != null) ? usage.getCacheReadInputTokens() : 0);
		}

		private static int orZero(@Nullable Integer value) {
			return (value != null) ? value : 0;
		}

	}

}

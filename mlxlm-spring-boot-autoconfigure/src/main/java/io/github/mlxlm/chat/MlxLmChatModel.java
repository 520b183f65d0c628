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

package io.github.mlxlm.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A Spring AI {@link ChatModel} for mlx_lm.server, on the starter's own wire
 * ({@link MlxLmApi}): one {@code WebClient}, no OpenAI SDK.
 * <p>
 * What it does for every request:
 * <ul>
 * <li>merges the request's options (of any {@code ChatOptions} type) over
 * {@link #getOptions() the defaults} and sends MLX-only ones with exact JSON types, never
 * a {@code null};</li>
 * <li>refuses, before a byte is sent, what the server would answer by dropping the
 * connection (values out of range, lone surrogates) or cannot do
 * ({@code response_format}, media), with an
 * {@link io.github.mlxlm.api.MlxLmInvalidRequestException} naming the field;</li>
 * <li>sends the configured model or {@code default_model}, never a guess, but reports the
 * detected model id in the response metadata and the observation's model tags;</li>
 * <li>puts a thinking model's reasoning under {@value #REASONING} (all of it on a call,
 * each chunk's own part in a stream) and {@value #REASONING_CONTENT} (cumulative);</li>
 * <li>puts the stream's usage (with the prompt-cache hit as
 * {@link Usage#getCacheReadInputTokens()}) on the finishing response;</li>
 * <li>names the server that answered ({@code host:port}) in the response metadata under
 * {@value #SERVER}, which tells which of several servers behind {@code lb://} it
 * was;</li>
 * <li>resolves tool definitions through Spring AI's {@link ToolCallingManager}; tools run
 * in {@code ChatClient}'s tool-calling advisor, in calls and streams alike;</li>
 * <li>observes calls and streams with Spring AI's chat-model observation conventions,
 * provider {@value #PROVIDER}.</li>
 * </ul>
 * A {@link #call(Prompt) call} is a streamed request aggregated here: the read timeout
 * then measures silence between tokens instead of the whole generation, and a call whose
 * caller gives up ({@link #reactiveCall(Prompt)} cancelled, or the calling thread
 * interrupted) closes the connection, which stops the generation on the server at its
 * next token.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmChatModel implements ChatModel {

	/**
	 * Metadata key of the reasoning text: all of it on a call, this chunk's part in a
	 * stream.
	 */
	public static final String REASONING = "reasoning";

	/**
	 * Spring AI's metadata key of the reasoning text: all of it on a call, all of it so
	 * far in a stream.
	 */
	public static final String REASONING_CONTENT = "reasoningContent";

	/**
	 * Metadata key of the server that answered, as {@code host:port}: with several
	 * servers behind {@code lb://}, the one the load balancer chose.
	 */
	public static final String SERVER = "server";

	/**
	 * The provider name in metrics and observations.
	 */
	public static final String PROVIDER = "mlx";

	private static final Log logger = LogFactory.getLog(MlxLmChatModel.class);

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	private final MlxLmApi api;

	private final MlxLmChatOptions defaults;

	private final ObservationRegistry observationRegistry;

	private final MlxLmChatRequests requests;

	private final Supplier<Mono<String>> modelName;

	private final MlxLmChatStreamDecorator streamDecorator;

	private final int maxTokensCeiling;

	private final String chatUrl;

	private @Nullable ChatModelObservationConvention observationConvention;

	private MlxLmChatModel(Builder builder) {
		Assert.notNull(builder.api, "'api' must not be null");
		this.api = builder.api;
		MlxLmConnection connection = this.api.connection();
		MlxLmChatOptions given = (builder.defaults != null) ? builder.defaults : MlxLmChatOptions.builder().build();
		// The model always comes from the connection unless the defaults name one.
		this.defaults = StringUtils.hasText(given.getModel()) ? given
				: given.mutate().model(connection.modelSent()).build();
		this.observationRegistry = builder.observationRegistry;
		this.chatUrl = connection.endpoint().resolve("chat/completions").toString();
		this.requests = new MlxLmChatRequests(this.chatUrl, builder.toolCallingManager, this.api.jsonMapper());
		this.modelName = (builder.modelName != null) ? builder.modelName : () -> Mono.empty();
		this.streamDecorator = builder.streamDecorator;
		this.maxTokensCeiling = (builder.maxTokensCeiling != null) ? builder.maxTokensCeiling
				: MlxLmChatOptionsCheck.ceiling(this.defaults.getMaxTokens());
		this.observationConvention = builder.observationConvention;
	}

	/**
	 * Start building a chat model.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public MlxLmChatOptions getOptions() {
		return this.defaults;
	}

	/**
	 * Return the wire this model uses.
	 * @return the api
	 */
	public MlxLmApi getApi() {
		return this.api;
	}

	/**
	 * Set the convention of the chat observations.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "'observationConvention' must not be null");
		this.observationConvention = observationConvention;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		// block() cancels the call when this thread is interrupted, which closes the
		// connection and stops the generation.
		ChatResponse response = reactiveCall(prompt).block();
		Assert.state(response != null, "a chat call always gives a response");
		return response;
	}

	/**
	 * Call the model without blocking: the answer as one response, like
	 * {@link #call(Prompt)}. Cancelling the {@code Mono} closes the connection, and the
	 * server stops generating at its next token.
	 * @param prompt the prompt
	 * @return the whole answer
	 */
	public Mono<ChatResponse> reactiveCall(Prompt prompt) {
		return Mono.deferContextual((contextView) -> {
			Exchange exchange = prepare(prompt);
			return resolveModelName(exchange).flatMap((name) -> {
				ChatModelObservationContext context = ChatModelObservationContext.builder()
					.prompt(observedPrompt(prompt, exchange.options(), name))
					.provider(PROVIDER)
					.build();
				Observation observation = startObservation(context,
						contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
				// Folded from the wire's chunks: no response per chunk.
				return this.api.chatStream(exchange.request(), exchange.affinityKey())
					.collect(MlxLmChatAggregation::new, MlxLmChatAggregation::add)
					.map((aggregation) -> aggregation.result(name))
					// Stopped before the answer leaves, so that a caller sees the
					// observation done.
					.doOnNext((response) -> {
						context.setResponse(response);
						logLengthFinish(response, exchange.options());
						observation.stop();
					})
					.doOnError((ex) -> observation.error(ex).stop())
					.doOnCancel(observation::stop);
			});
		});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			Exchange exchange = prepare(prompt);
			return resolveModelName(exchange).flatMapMany((name) -> {
				ChatModelObservationContext context = ChatModelObservationContext.builder()
					.prompt(observedPrompt(prompt, exchange.options(), name))
					.provider(PROVIDER)
					.streaming(true)
					.build();
				Observation observation = startObservation(context,
						contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
				Flux<ChatResponse> responses = this.streamDecorator.decorate(name, chunks(exchange, name))
					.doOnNext((response) -> logLengthFinish(response, exchange.options()));
				// Folded as it passes, never kept: a long stream costs only its text.
				MlxLmChatAggregation aggregation = new MlxLmChatAggregation();
				return responses.doOnNext(aggregation::add).doOnComplete(() -> {
					context.setResponse(aggregation.result(name));
					observation.stop();
				})
					.doOnError((ex) -> observation.error(ex).stop())
					.doOnCancel(observation::stop)
					.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			});
		})
			// Prepared and sent off the subscriber's thread, so that launching a stream
			// returns at once, however many are launched; demand still goes up at once
			// (false), so that no chunk waits in a queue that an error could overtake.
			.subscribeOn(Schedulers.parallel(), false);
	}

	private Observation startObservation(ChatModelObservationContext context, @Nullable Observation parent) {
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
				this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
		observation.parentObservation(parent);
		return observation.start();
	}

	private Exchange prepare(Prompt prompt) {
		Assert.notNull(prompt, "'prompt' must not be null");
		MlxLmChatOptions options = MlxLmChatOptions.merge(this.defaults, prompt.getOptions());
		this.requests.check(prompt, options, this.maxTokensCeiling);
		// The defaults always name a model (the configured one or the server's own).
		String modelSent = (options.getModel() != null) ? options.getModel() : this.api.connection().modelSent();
		MlxLmApi.ChatRequest request = this.requests.request(prompt, options, modelSent);
		return new Exchange(options, request, MlxLmChatRequests.affinityKey(prompt, options));
	}

	private Mono<String> resolveModelName(Exchange exchange) {
		String sent = exchange.request().model();
		if (!MlxLmConnection.DEFAULT_MODEL.equals(sent)) {
			return Mono.just(sent);
		}
		// default_model is only what goes on the wire: name the model the server runs.
		return this.modelName.get().onErrorResume((ex) -> Mono.empty()).defaultIfEmpty(sent);
	}

	private static Prompt observedPrompt(Prompt prompt, MlxLmChatOptions options, String modelName) {
		return prompt.mutate().chatOptions(options.mutate().model(modelName).build()).build();
	}

	/*
	 * The server's chunks as chat responses: text and reasoning at once, the finishing
	 * response held back only until the usage chunk that follows it.
	 */
	private Flux<ChatResponse> chunks(Exchange exchange, String modelName) {
		return Flux.defer(() -> {
			Map<Integer, StringBuilder> reasoningSoFar = new HashMap<>();
			AtomicReference<@Nullable ChatResponse> held = new AtomicReference<>();
			AtomicReference<@Nullable ChatResponseMetadata> shared = new AtomicReference<>();
			return this.api.chatStream(exchange.request(), exchange.affinityKey())
				.<ChatResponse>handle((chunk, sink) -> {
					if (chunk.choices() == null || chunk.choices().isEmpty()) {
						ChatResponse finishing = held.getAndSet(null);
						if (finishing != null && chunk.usage() != null) {
							sink.next(withUsage(finishing, chunk.usage()));
						}
						else if (finishing != null) {
							sink.next(finishing);
						}
						return;
					}
					ChatResponseMetadata metadata = shared.get();
					if (metadata == null) {
						// One metadata for every chunk of the stream (its id, model
						// and server do not change); only the finishing response gets
						// its own, with the usage.
						metadata = metadata(chunk.id(), modelName, null, chunk.server());
						shared.set(metadata);
					}
					ChatResponse response = toResponse(chunk, metadata, reasoningSoFar);
					ChatResponse previous = held.getAndSet(null);
					if (previous != null) {
						sink.next(previous);
					}
					if (chunk.finishReason() != null) {
						held.set(response);
					}
					else {
						sink.next(response);
					}
				})
				.concatWith(Mono.fromSupplier(() -> held.getAndSet(null)));
		});
	}

	private static ChatResponse toResponse(MlxLmApi.Completion chunk, ChatResponseMetadata metadata,
			Map<Integer, StringBuilder> reasoningSoFar) {
		List<MlxLmApi.Choice> choices = (chunk.choices() != null) ? chunk.choices() : List.of();
		List<Generation> generations = new ArrayList<>(choices.size());
		for (MlxLmApi.Choice choice : choices) {
			MlxLmApi.Message delta = (choice.delta() != null) ? choice.delta() : choice.message();
			int index = (choice.index() != null) ? choice.index() : 0;
			String own = (delta != null) ? delta.reasoning() : null;
			StringBuilder all = reasoningSoFar.get(index);
			if (StringUtils.hasLength(own)) {
				if (all == null) {
					all = new StringBuilder();
					reasoningSoFar.put(index, all);
				}
				all.append(own);
			}
			// Most chunks of most answers carry no reasoning: no map for them.
			Map<String, Object> properties = Map.of();
			if (all != null) {
				properties = StringUtils.hasLength(own) ? Map.of(REASONING, own, REASONING_CONTENT, all.toString())
						: Map.of(REASONING_CONTENT, all.toString());
			}
			List<AssistantMessage.ToolCall> toolCalls = toolCalls(delta);
			AssistantMessage message = AssistantMessage.builder()
				.content((delta != null && delta.content() != null) ? delta.content() : "")
				.properties(properties)
				.toolCalls(toolCalls)
				.build();
			ChatGenerationMetadata generationMetadata = (choice.finishReason() != null) ? finish(choice.finishReason())
					: ChatGenerationMetadata.NULL;
			generations.add(new Generation(message, generationMetadata));
		}
		return new ChatResponse(generations, metadata);
	}

	static ChatGenerationMetadata finish(String finishReason) {
		return ChatGenerationMetadata.builder().finishReason(finishReason).build();
	}

	static List<AssistantMessage.ToolCall> toolCalls(MlxLmApi.@Nullable Message message) {
		if (message == null || message.toolCalls() == null) {
			return List.of();
		}
		return message.toolCalls()
			.stream()
			.map((call) -> new AssistantMessage.ToolCall((call.id() != null) ? call.id() : "", "function",
					(call.function() != null && call.function().name() != null) ? call.function().name() : "",
					(call.function() != null && call.function().arguments() != null) ? call.function().arguments()
							: "{}"))
			.toList();
	}

	private static ChatResponse withUsage(ChatResponse response, MlxLmApi.Usage usage) {
		ChatResponseMetadata metadata = response.getMetadata();
		return new ChatResponse(response.getResults(),
				metadata(metadata.getId(), metadata.getModel(), usage, metadata.get(SERVER)));
	}

	private static ChatResponseMetadata metadata(@Nullable String id, String model, MlxLmApi.@Nullable Usage usage,
			@Nullable String server) {
		ChatResponseMetadata.Builder builder = ChatResponseMetadata.builder().id((id != null) ? id : "").model(model);
		if (usage != null) {
			builder.usage(usage(usage));
		}
		if (server != null) {
			builder.keyValue(SERVER, server);
		}
		return builder.build();
	}

	static Usage usage(MlxLmApi.Usage usage) {
		return new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage,
				(usage.cachedTokens() != null) ? usage.cachedTokens().longValue() : null, null);
	}

	private void logLengthFinish(ChatResponse response, MlxLmChatOptions options) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		for (Generation generation : response.getResults()) {
			String finishReason = generation.getMetadata().getFinishReason();
			if (finishReason != null && finishReason.equalsIgnoreCase("length")) {
				Integer maxTokens = options.getMaxTokens();
				logger.debug("MLX-LM answer from " + this.chatUrl + " was cut at max-tokens ("
						+ ((maxTokens != null) ? maxTokens : "the server's default of 512")
						+ "): finish_reason=length. Raise mlxlm.chat.max-tokens or the request's maxTokens.");
			}
		}
	}

	@Override
	public String toString() {
		return "MlxLmChatModel[url=" + this.chatUrl + ", defaults=" + this.defaults + "]";
	}

	private record Exchange(MlxLmChatOptions options, MlxLmApi.ChatRequest request, String affinityKey) {
	}

	/**
	 * Builds an {@link MlxLmChatModel}. Only the api is required.
	 */
	public static final class Builder {

		private @Nullable MlxLmApi api;

		private @Nullable MlxLmChatOptions defaults;

		private ToolCallingManager toolCallingManager = DefaultToolCallingManager.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ChatModelObservationConvention observationConvention;

		private @Nullable Supplier<Mono<String>> modelName;

		private MlxLmChatStreamDecorator streamDecorator = (model, stream) -> stream;

		private @Nullable Integer maxTokensCeiling;

		private Builder() {
		}

		/**
		 * Set the wire to the server.
		 * @param api the api
		 * @return this builder
		 */
		public Builder api(MlxLmApi api) {
			this.api = api;
			return this;
		}

		/**
		 * Set the options every request starts from. Without a model, the connection's
		 * model (the configured one, or {@code default_model}) is sent.
		 * @param defaults the default options
		 * @return this builder
		 */
		public Builder defaultOptions(MlxLmChatOptions defaults) {
			this.defaults = defaults;
			return this;
		}

		/**
		 * Set the tool-calling manager that resolves tool definitions.
		 * @param toolCallingManager the manager
		 * @return this builder
		 */
		public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
			Assert.notNull(toolCallingManager, "'toolCallingManager' must not be null");
			this.toolCallingManager = toolCallingManager;
			return this;
		}

		/**
		 * Set the registry of the chat observations.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set the convention of the chat observations.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set what names the model the server runs when requests send
		 * {@code default_model}, such as a cached {@code MlxLmClient.detectModel()}; used
		 * in metadata and observations only, never sent.
		 * @param modelName supplies the name; empty or failing means
		 * {@code default_model}
		 * @return this builder
		 */
		public Builder modelName(Supplier<Mono<String>> modelName) {
			this.modelName = modelName;
			return this;
		}

		/**
		 * Set what wraps every stream, such as stream metrics.
		 * @param streamDecorator the decorator
		 * @return this builder
		 */
		public Builder streamDecorator(MlxLmChatStreamDecorator streamDecorator) {
			Assert.notNull(streamDecorator, "'streamDecorator' must not be null");
			this.streamDecorator = streamDecorator;
			return this;
		}

		/**
		 * Set the largest max tokens a request may ask for. Defaults to four times the
		 * default max tokens, or
		 * {@value MlxLmChatOptionsCheck#DEFAULT_MAX_TOKENS_CEILING}.
		 * @param maxTokensCeiling the ceiling
		 * @return this builder
		 */
		public Builder maxTokensCeiling(@Nullable Integer maxTokensCeiling) {
			this.maxTokensCeiling = maxTokensCeiling;
			return this;
		}

		/**
		 * Build the chat model. No network call is made.
		 * @return the chat model
		 */
		public MlxLmChatModel build() {
			return new MlxLmChatModel(this);
		}

	}

}

package io.github.mlxlm.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.mlxlm.client.MlxLmException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A Spring AI {@link ChatModel} for mlx_lm.server, delegating the wire work to an
 * {@link OpenAiChatModel} built by {@link MlxLmChatModelFactory}.
 * <p>
 * On top of the delegate it:
 * <ul>
 * <li>merges a request's options over {@link #getOptions() the defaults} also on direct
 * {@code call}/{@code stream} (Spring AI's model uses a prompt's options as they are), and
 * sends the MLX-only ones with exact JSON types;</li>
 * <li>refuses, before sending anything, a request for {@code response_format} (the
 * server ignores it) and a non-text media part (the server accepts text only);</li>
 * <li>puts the reasoning of a thinking model under the message metadata key
 * {@value #REASONING}: the whole reasoning on {@code call}, each chunk's own part on
 * {@code stream}. Spring AI's {@value #REASONING_CONTENT} stays (cumulative in streams);
 * neither key is present when the model did not reason;</li>
 * <li>drops the stream's usage-only last response (it has no result) and puts its usage
 * on the last response that has one;</li>
 * <li>logs a {@code length} finish at DEBUG with the max-tokens in force;</li>
 * <li>fails a call or stream with an {@link MlxLmException} that names the URL and says
 * what happened (the SDK's error is its cause), never with the SDK's
 * {@code CompletionException} wrapper.</li>
 * </ul>
 *
 * @author mlxlm developers
 */
public final class MlxLmChatModel implements ChatModel {

	/**
	 * Metadata key of the reasoning text: all of it on a call, this chunk's part in a
	 * stream.
	 */
	public static final String REASONING = "reasoning";

	/**
	 * Spring AI's metadata key of the reasoning text: all of it on a call, all of it so far
	 * in a stream.
	 */
	public static final String REASONING_CONTENT = "reasoningContent";

	private static final Log logger = LogFactory.getLog(MlxLmChatModel.class);

	private final Supplier<OpenAiChatModel> delegateSupplier;

	private volatile @Nullable OpenAiChatModel delegate;

	private @Nullable ChatModelObservationConvention observationConvention;

	private final MlxLmChatOptions defaults;

	private final String chatUrl;

	private MlxLmChatStreamDecorator streamDecorator = (model, stream) -> stream;

	private Mono<?> closing = Mono.never();

	private volatile boolean closed;

	/**
	 * Create a chat model.
	 * @param delegate the Spring AI model that talks to the server
	 * @param defaults the options every request starts from; its model must be set
	 * @param baseUrl the server's API base URL, for error messages
	 */
	public MlxLmChatModel(OpenAiChatModel delegate, MlxLmChatOptions defaults, String baseUrl) {
		this(() -> delegate, defaults, baseUrl);
		Assert.notNull(delegate, "'delegate' must not be null");
	}

	/**
	 * Create a chat model whose Spring AI model is built on first use, so that an
	 * application does not pay for the OpenAI SDK at start-up.
	 * @param delegate supplies the Spring AI model that talks to the server; called once
	 * @param defaults the options every request starts from; its model must be set
	 * @param baseUrl the server's API base URL, for error messages
	 */
	public MlxLmChatModel(Supplier<OpenAiChatModel> delegate, MlxLmChatOptions defaults, String baseUrl) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(defaults, "'defaults' must not be null");
		Assert.hasText(defaults.getModel(), "the default options must name the model to send");
		this.delegateSupplier = delegate;
		this.defaults = defaults;
		this.chatUrl = stripSlash(baseUrl) + "/chat/completions";
	}

	@Override
	public MlxLmChatOptions getOptions() {
		return this.defaults;
	}

	/**
	 * Set what wraps every stream as it comes from the server, such as stream metrics.
	 * @param streamDecorator the decorator
	 */
	public void setStreamDecorator(MlxLmChatStreamDecorator streamDecorator) {
		Assert.notNull(streamDecorator, "'streamDecorator' must not be null");
		this.streamDecorator = streamDecorator;
	}

	/**
	 * Set the convention of the Spring AI chat observations (applied when the Spring AI
	 * model is built, or at once if it already is).
	 * @param observationConvention the convention
	 */
	public synchronized void setObservationConvention(ChatModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "'observationConvention' must not be null");
		this.observationConvention = observationConvention;
		OpenAiChatModel built = this.delegate;
		if (built != null) {
			built.setObservationConvention(observationConvention);
		}
	}

	/**
	 * End every stream in flight, and fail every later one, when {@code closing} emits: the
	 * stream's connection is closed and its subscriber gets an {@link MlxLmException} that
	 * names the URL and says the application is shutting down (rather than a stream that
	 * just stops, which looks like a short answer).
	 * @param closing emits once when the owner of this model's connections closes
	 */
	void endStreamsOn(Mono<?> closing) {
		this.closing = closing;
		closing.subscribe((signal) -> this.closed = true);
	}

	/**
	 * Return the Spring AI model this one delegates to.
	 * @return the delegate
	 */
	public OpenAiChatModel getDelegate() {
		OpenAiChatModel model = this.delegate;
		if (model == null) {
			synchronized (this) {
				model = this.delegate;
				if (model == null) {
					model = this.delegateSupplier.get();
					if (this.observationConvention != null) {
						model.setObservationConvention(this.observationConvention);
					}
					this.delegate = model;
				}
			}
		}
		return model;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		MlxLmChatOptions options = prepare(prompt);
		ChatResponse response;
		try {
			response = getDelegate().call(withOptions(prompt, options));
		}
		catch (RuntimeException ex) {
			if (this.closed) {
				throw new MlxLmException("MLX-LM chat call to " + this.chatUrl + " was ended: the application is"
						+ " shutting down (its MlxLmChatModelFactory was closed)", this.chatUrl, ex);
			}
			throw MlxLmChatErrors.translateUnchecked(this.chatUrl, ex);
		}
		logLengthFinish(response, options);
		return withReasoning(response, null);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		MlxLmChatOptions options;
		try {
			options = prepare(prompt);
		}
		catch (RuntimeException ex) {
			return Flux.error(ex);
		}
		Prompt request = withOptions(prompt, options);
		return Flux.defer(() -> {
			Map<Integer, String> reasoningSoFar = new HashMap<>();
			AtomicReference<@Nullable ChatResponse> held = new AtomicReference<>();
			AtomicBoolean shutDown = new AtomicBoolean();
			Flux<ChatResponse> fromServer = getDelegate().stream(request)
				.takeUntilOther(this.closing.doOnNext((signal) -> shutDown.set(true)))
				.concatWith(Mono.defer(() -> shutDown.get() ? Mono.error(new MlxLmException("MLX-LM chat stream from "
						+ this.chatUrl + " was ended: the application is shutting down (its MlxLmChatModelFactory was"
						+ " closed), so the connection was closed before the answer was complete", this.chatUrl, null))
						: Mono.empty()));
			return this.streamDecorator.decorate(options.getModel(), fromServer)
				.<ChatResponse>handle((response, sink) -> {
				if (response.getResults().isEmpty()) {
					// The usage-only last chunk: its usage goes on the last real response.
					ChatResponse previous = held.get();
					if (previous != null) {
						held.set(withUsage(previous, response.getMetadata()));
					}
					return;
				}
				ChatResponse current = withReasoning(response, reasoningSoFar);
				ChatResponse previous = held.getAndSet(null);
				if (previous != null) {
					sink.next(previous);
				}
				// Only the finishing response waits, for the usage chunk that follows it on the
				// wire; every other chunk goes out at once, so nothing delays the text.
				if (isFinishing(current)) {
					held.set(current);
				}
				else {
					sink.next(current);
				}
			})
				.concatWith(Mono.fromSupplier(() -> held.getAndSet(null)))
				.doOnNext((response) -> logLengthFinish(response, options))
				// The SDK's async stream wraps the real failure, which does not name the URL.
				.onErrorMap((ex) -> MlxLmChatErrors.translate(this.chatUrl, ex));
		});
	}

	private static boolean isFinishing(ChatResponse response) {
		return response.getResults()
			.stream()
			.anyMatch((generation) -> StringUtils.hasText(generation.getMetadata().getFinishReason()));
	}

	private MlxLmChatOptions prepare(Prompt prompt) {
		MlxLmChatOptions options = MlxLmChatOptions.merge(this.defaults, prompt.getOptions());
		if (options.isResponseFormatRequested()) {
			throw new MlxLmException("mlx_lm.server at " + this.chatUrl
					+ " does not support response_format (structured output): it ignores it and answers with empty"
					+ " or free-form text, so the request was not sent. Use ChatClient...entity(MyType.class), which"
					+ " asks for JSON through prompt instructions, without native structured output.", this.chatUrl,
					null);
		}
		for (Message message : prompt.getInstructions()) {
			if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
				Media media = user.getMedia().get(0);
				throw new MlxLmException("mlx_lm.server at " + this.chatUrl
						+ " supports only text message content; this prompt carries " + media.getMimeType()
						+ " media, so the request was not sent. Send the content as text.", this.chatUrl, null);
			}
		}
		return options;
	}

	private static Prompt withOptions(Prompt prompt, MlxLmChatOptions options) {
		OpenAiChatOptions.Builder builder = OpenAiChatOptions.builder()
			.model(options.getModel())
			.maxTokens(options.getMaxTokens())
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.presencePenalty(options.getPresencePenalty())
			.frequencyPenalty(options.getFrequencyPenalty())
			.stopSequences(options.getStopSequences())
			.seed(options.getSeed())
			.toolCallbacks(options.getToolCallbacks())
			.toolContext(options.getToolContext())
			// Timeouts are applied by MlxLmOpenAiHttpClient; ZERO means no total-call cap.
			.timeout(Duration.ZERO)
			.maxRetries(0);
		Map<String, Object> mlxBody = options.mlxBody();
		if (!mlxBody.isEmpty()) {
			builder.extraBody(mlxBody);
		}
		return prompt.mutate().chatOptions(builder.build()).build();
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

	/**
	 * Put each generation's reasoning under {@value #REASONING}; drop empty reasoning
	 * entries.
	 * @param reasoningSoFar per generation index, the cumulative reasoning already seen in
	 * this stream; {@code null} on a call
	 */
	private static ChatResponse withReasoning(ChatResponse response, @Nullable Map<Integer, String> reasoningSoFar) {
		List<Generation> generations = new ArrayList<>(response.getResults().size());
		int index = 0;
		for (Generation generation : response.getResults()) {
			AssistantMessage message = generation.getOutput();
			Map<String, Object> metadata = new LinkedHashMap<>(message.getMetadata());
			Object cumulative = metadata.get(REASONING_CONTENT);
			String all = (cumulative instanceof String text) ? text : "";
			String own = all;
			if (reasoningSoFar != null) {
				String before = reasoningSoFar.getOrDefault(index, "");
				own = all.startsWith(before) ? all.substring(before.length()) : all;
				reasoningSoFar.put(index, all);
			}
			if (StringUtils.hasLength(all)) {
				metadata.put(REASONING_CONTENT, all);
			}
			else {
				metadata.remove(REASONING_CONTENT);
			}
			if (StringUtils.hasLength(own)) {
				metadata.put(REASONING, own);
			}
			else {
				metadata.remove(REASONING);
			}
			AssistantMessage rebuilt = AssistantMessage.builder()
				.content(message.getText())
				.properties(metadata)
				.toolCalls(message.getToolCalls())
				.media(message.getMedia())
				.build();
			generations.add(new Generation(rebuilt, generation.getMetadata()));
			index++;
		}
		return new ChatResponse(generations, response.getMetadata());
	}

	private static ChatResponse withUsage(ChatResponse response, ChatResponseMetadata usageMetadata) {
		ChatResponseMetadata metadata = response.getMetadata();
		ChatResponseMetadata.Builder builder = ChatResponseMetadata.builder()
			.id(metadata.getId())
			.model(metadata.getModel())
			.rateLimit(metadata.getRateLimit())
			.promptMetadata(metadata.getPromptMetadata())
			.usage(usageMetadata.getUsage());
		for (Map.Entry<String, Object> entry : metadata.entrySet()) {
			builder.keyValue(entry.getKey(), entry.getValue());
		}
		return new ChatResponse(response.getResults(), builder.build());
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public String toString() {
		return "MlxLmChatModel[url=" + this.chatUrl + ", defaults=" + this.defaults + "]";
	}

}

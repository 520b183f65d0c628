package io.github.mlxlm.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatStreamDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Streaming metrics that Spring AI does not offer: time to first token, generation speed
 * and streams in flight. Decorate a chat model's {@code stream(...)} with
 * {@link #instrument(String, Flux)}; it adds no work to the stream beyond a few clock
 * reads.
 * <ul>
 * <li>{@value #TIME_TO_FIRST_TOKEN} (timer): from subscription to the first chunk that
 * carries text, reasoning or a tool call; recorded once per stream that produced one,
 * when the stream ends, tagged with its outcome.</li>
 * <li>{@value #TOKENS_PER_SECOND} (distribution summary, tokens per second): completion
 * tokens after the first one, divided by the time from the first token to the end of the
 * stream; recorded for streams that completed with usage and more than one completion
 * token.</li>
 * <li>{@value #ACTIVE_STREAMS} (gauge): streams subscribed and not yet ended.</li>
 * </ul>
 * Tags: {@code gen_ai.system} = {@code mlx}, {@code gen_ai.request.model} = the model id
 * sent and, except on the gauge, {@code outcome} = {@code success}, {@code error} or
 * {@code cancelled}.
 *
 * @author mlxlm developers
 */
public final class MlxLmStreamMetrics implements MlxLmChatStreamDecorator {

	/**
	 * Name of the time-to-first-token timer.
	 */
	public static final String TIME_TO_FIRST_TOKEN = "gen_ai.client.time_to_first_token";

	/**
	 * Name of the generation-speed summary (completion tokens per second after the
	 * first).
	 */
	public static final String TOKENS_PER_SECOND = "gen_ai.client.generation.tokens_per_second";

	/**
	 * Name of the gauge of streams in flight.
	 */
	public static final String ACTIVE_STREAMS = "gen_ai.client.streams.active";

	private static final String PROVIDER_KEY = ChatModelObservationDocumentation.LowCardinalityKeyNames.AI_PROVIDER
		.asString();

	private static final String MODEL_KEY = ChatModelObservationDocumentation.LowCardinalityKeyNames.REQUEST_MODEL
		.asString();

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

	/**
	 * Create the metrics on a registry.
	 * @param registry the meter registry
	 */
	public MlxLmStreamMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	/**
	 * Measure a stream. Each subscription is measured on its own.
	 * @param model the model id the request sends (such as {@code default_model})
	 * @param stream the chat model's stream
	 * @return the same stream, measured
	 */
	public Flux<ChatResponse> instrument(String model, Flux<ChatResponse> stream) {
		return decorate(model, stream);
	}

	@Override
	public Flux<ChatResponse> decorate(String model, Flux<ChatResponse> stream) {
		Tags base = Tags.of(PROVIDER_KEY, MlxLmChatModel.PROVIDER, MODEL_KEY, model);
		AtomicInteger inFlight = this.active.computeIfAbsent(model,
				(key) -> this.registry.gauge(ACTIVE_STREAMS, base, new AtomicInteger()));
		return Flux.defer(() -> {
			StreamClock clock = new StreamClock(this.registry.config().clock().monotonicTime());
			inFlight.incrementAndGet();
			// Recorded before the end is passed downstream, so that a subscriber sees
			// them.
			AtomicBoolean ended = new AtomicBoolean();
			Consumer<SignalType> end = (signal) -> {
				if (ended.compareAndSet(false, true)) {
					inFlight.decrementAndGet();
					clock.record(signal, base);
				}
			};
			return stream.doOnNext(clock::onNext)
				.doOnComplete(() -> end.accept(SignalType.ON_COMPLETE))
				.doOnError((ex) -> end.accept(SignalType.ON_ERROR))
				.doOnCancel(() -> end.accept(SignalType.CANCEL));
		});
	}

	private final class StreamClock {

		private final long start;

		private volatile long firstToken = -1;

		private volatile long completionTokens;

		StreamClock(long start) {
			this.start = start;
		}

		void onNext(ChatResponse response) {
			if (this.firstToken < 0 && carriesToken(response)) {
				this.firstToken = now();
			}
			Usage usage = (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
			if (usage != null && usage.getCompletionTokens() != null && usage.getCompletionTokens() > 0) {
				this.completionTokens = usage.getCompletionTokens();
			}
		}

		void record(SignalType signal, Tags base) {
			long end = now();
			String outcome = switch (signal) {
				case ON_COMPLETE -> "success";
				case ON_ERROR -> "error";
				default -> "cancelled";
			};
			Tags tags = base.and("outcome", outcome);
			if (this.firstToken < 0) {
				return;
			}
			Timer.builder(TIME_TO_FIRST_TOKEN)
				.description("Time from sending a streaming chat request to its first token")
				.tags(tags)
				.register(MlxLmStreamMetrics.this.registry)
				.record(Duration.ofNanos(this.firstToken - this.start));
			long generating = end - this.firstToken;
			if (signal == SignalType.ON_COMPLETE && this.completionTokens > 1 && generating > 0) {
				double seconds = generating / (double) TimeUnit.SECONDS.toNanos(1);
				DistributionSummary.builder(TOKENS_PER_SECOND)
					.description("Completion tokens per second after the first token")
					.baseUnit("tokens/s")
					.tags(tags)
					.register(MlxLmStreamMetrics.this.registry)
					.record((this.completionTokens - 1) / seconds);
			}
		}

		private long now() {
			return MlxLmStreamMetrics.this.registry.config().clock().monotonicTime();
		}

		private static boolean carriesToken(ChatResponse response) {
			Generation result = response.getResult();
			if (result == null || result.getOutput() == null) {
				return false;
			}
			if (StringUtils.hasLength(result.getOutput().getText()) || result.getOutput().hasToolCalls()) {
				return true;
			}
			@Nullable Object reasoning = result.getOutput().getMetadata().get("reasoningContent");
			return reasoning instanceof String text && !text.isEmpty();
		}

	}

}

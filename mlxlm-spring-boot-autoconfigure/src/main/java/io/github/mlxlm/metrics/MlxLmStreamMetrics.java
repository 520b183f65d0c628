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

package io.github.mlxlm.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatStreamDecorator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Streaming metrics that Spring AI does not offer, named after OpenTelemetry's GenAI
 * semantic conventions for streaming clients, and streams in flight. Decorate a chat
 * model's {@code stream(...)} with {@link #instrument(String, Flux)}; it adds no work to
 * the stream beyond a few clock reads.
 * <ul>
 * <li>{@value #TIME_TO_FIRST_CHUNK} (timer, seconds): from subscription to the first
 * chunk that carries text, reasoning or a tool call; recorded once per stream that
 * produced one, when the stream ends, tagged with its outcome.</li>
 * <li>{@value #TIME_PER_OUTPUT_CHUNK} (timer, seconds): the time from the first such
 * chunk to the last, divided by the chunks after the first; recorded once per stream that
 * produced more than one (the mean of the stream, not each interval: one record per
 * stream keeps the chunk path free of meter work). Its inverse is the generation speed in
 * chunks per second; mlx_lm.server sends one token per chunk.</li>
 * <li>{@value #ACTIVE_STREAMS} (gauge): streams subscribed and not yet ended.</li>
 * </ul>
 * Tags: {@code gen_ai.system} = {@code mlx}, {@code gen_ai.request.model} = the model id
 * sent and, except on the gauge, {@code outcome} = {@code success}, {@code error} or
 * {@code cancelled}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmStreamMetrics implements MlxLmChatStreamDecorator {

	/**
	 * Name of the time-to-first-chunk timer (OpenTelemetry GenAI).
	 */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/**
	 * Name of the time-per-output-chunk timer (OpenTelemetry GenAI).
	 */
	public static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

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
				.doOnCancel(() -> end.accept(SignalType.CANCEL))
				// Whatever else ends the subscription still ends it once.
				.doFinally(end::accept);
		});
	}

	private final class StreamClock {

		private final long start;

		private volatile long firstChunk = -1;

		private volatile long lastChunk;

		private volatile long chunks;

		StreamClock(long start) {
			this.start = start;
		}

		void onNext(ChatResponse response) {
			if (carriesChunk(response)) {
				long now = now();
				if (this.firstChunk < 0) {
					this.firstChunk = now;
				}
				this.lastChunk = now;
				this.chunks++;
			}
		}

		void record(SignalType signal, Tags base) {
			if (this.firstChunk < 0) {
				return;
			}
			String outcome = switch (signal) {
				case ON_COMPLETE -> "success";
				case ON_ERROR -> "error";
				default -> "cancelled";
			};
			Tags tags = base.and("outcome", outcome);
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from sending a streaming chat request to its first chunk")
				.tags(tags)
				.register(MlxLmStreamMetrics.this.registry)
				.record(Duration.ofNanos(this.firstChunk - this.start));
			if (this.chunks > 1) {
				Timer.builder(TIME_PER_OUTPUT_CHUNK)
					.description("Mean time between the chunks of a stream after its first chunk")
					.tags(tags)
					.register(MlxLmStreamMetrics.this.registry)
					.record(Duration.ofNanos((this.lastChunk - this.firstChunk) / (this.chunks - 1)));
			}
		}

		private long now() {
			return MlxLmStreamMetrics.this.registry.config().clock().monotonicTime();
		}

		private static boolean carriesChunk(ChatResponse response) {
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

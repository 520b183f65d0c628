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

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmStreamMetrics}, on streams of
 * {@link io.github.mlxlm.chat.MlxLmChatModel} from the simulator.
 */
class MlxLmStreamMetricsTests {

	static final String ANSWER = "one two three four five six seven eight nine ten";

	static MlxLmSimulator simulator;

	static MlxLmChatModelFactory factory;

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final MlxLmStreamMetrics metrics = new MlxLmStreamMetrics(this.registry);

	@BeforeAll
	static void start() {
		simulator = MlxLmSimulator.builder().model("m").script("Count", ANSWER).tokensPerSecond(500).start();
		factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build())
			.build();
	}

	@AfterAll
	static void stop() {
		factory.close();
		simulator.close();
	}

	private void streamTwice() {
		MlxLmChatModel model = factory.create();
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(this.metrics.instrument("default_model", model.stream(new Prompt("Count"))))
				.thenConsumeWhile((response) -> true)
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void timeToFirstTokenIsRecordedOncePerStream() {
		streamTwice();
		Timer timer = this.registry.get(MlxLmStreamMetrics.TIME_TO_FIRST_CHUNK)
			.tag("outcome", "success")
			.tag("gen_ai.request.model", "default_model")
			.timer();
		assertThat(timer.count()).isEqualTo(2);
		assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void timePerOutputChunkIsRecordedOncePerStreamInSeconds() {
		streamTwice();
		Timer perChunk = this.registry.get(MlxLmStreamMetrics.TIME_PER_OUTPUT_CHUNK).timer();
		assertThat(perChunk.count()).isEqualTo(2);
		assertThat(perChunk.max(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
		assertThat(perChunk.getId().getName()).isEqualTo("gen_ai.client.operation.time_per_output_chunk");
	}

	@Test
	void activeStreamsGaugeIsBackToZero() {
		streamTwice();
		assertThat(this.registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
	}

	@Test
	void activeStreamsGaugeCountsOpenStream() {
		MlxLmChatModel model = factory.create();
		java.util.List<Double> seenWhileOpen = new java.util.concurrent.CopyOnWriteArrayList<>();
		// Read inside the stream: signals are serial, so the stream cannot have ended
		// yet.
		StepVerifier
			.create(this.metrics.instrument("default_model", model.stream(new Prompt("Count")))
				.doOnNext((response) -> seenWhileOpen
					.add(this.registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()))
				.take(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(30));
		assertThat(seenWhileOpen).containsExactly(1.0);
		assertThat(this.registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
	}

	@Test
	void cancelledStreamIsTaggedCancelled() {
		MlxLmChatModel model = factory.create();
		StepVerifier.create(this.metrics.instrument("default_model", model.stream(new Prompt("Count"))).take(2))
			.expectNextCount(2)
			.verifyComplete();
		assertThat(
				this.registry.get(MlxLmStreamMetrics.TIME_TO_FIRST_CHUNK).tag("outcome", "cancelled").timer().count())
			.isOne();
		assertThat(
				this.registry.get(MlxLmStreamMetrics.TIME_PER_OUTPUT_CHUNK).tag("outcome", "cancelled").timer().count())
			.isOne();
	}

	@Test
	void tokenUsageCarriesMlxProvider() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ChatModelMeterObservationHandler(this.registry));
		try (MlxLmChatModelFactory observed = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build())
			.observationRegistry(observations)
			.build()) {
			MlxLmChatModel model = observed.create();
			model.call(new Prompt("Count"));
		}
		String provider = ChatModelObservationDocumentation.LowCardinalityKeyNames.AI_PROVIDER.asString();
		assertThat(this.registry.find("gen_ai.client.token.usage").counters()).isNotEmpty()
			.allSatisfy((counter) -> assertThat(counter.getId().getTag(provider)).isEqualTo("mlx"));
	}

}

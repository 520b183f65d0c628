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

package io.github.mlxlm.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load and soak: 64 concurrent streams, 10,000 in all, against the simulator generating
 * instantly. Every stream must carry the whole answer, chunk by chunk in order (nothing
 * lost, duplicated or reordered), with its usage; and threads and heap must not grow
 * between the first and the last thousand streams. Run with {@code ./mvnw verify -Psoak}.
 */
@Tag("soak")
class ChatStreamSoakTests {

	private static final Log logger = LogFactory.getLog(ChatStreamSoakTests.class);

	static final int CONCURRENCY = 64;

	static final int TOTAL = 10_000;

	static final int WORDS = 24;

	/** "w1 w2 ... w24": each chunk is one word, so order and count are checkable. */
	static final String ANSWER = IntStream.rangeClosed(1, WORDS)
		.mapToObj((i) -> "w" + i)
		.collect(Collectors.joining(" "));

	/** Threads may come and go in bounded pools; a leak grows with the streams. */
	static final int THREAD_TOLERANCE = 16;

	/**
	 * Heap after a full GC; a leak of even 1 KiB per stream would be 9 MiB over 9,000
	 * streams.
	 */
	static final long HEAP_TOLERANCE_BYTES = 32L * 1024 * 1024;

	@Test
	void tenThousandStreamsSixtyFourAtATimeLoseNothingAndLeakNothing() {
		long started = System.nanoTime();
		try (MlxLmSimulator simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("Count", ANSWER)
			.tokensPerSecond(0)
			.start();
				MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
					.client(MlxLmClient.builder()
						.baseUrl(simulator.baseUrl())
						.connectTimeout(Duration.ofSeconds(5))
						.readTimeout(Duration.ofSeconds(10))
						.build())
					.build()) {
			MlxLmChatModel chatModel = factory.createChatModel(MlxLmChatOptions.builder().build());
			AtomicInteger done = new AtomicInteger();
			AtomicInteger bad = new AtomicInteger();
			AtomicLong threadsAfterFirstThousand = new AtomicLong();
			AtomicLong heapAfterFirstThousand = new AtomicLong();
			AtomicInteger peakConnections = new AtomicInteger();
			List<String> failures = Flux.range(0, TOTAL)
				.flatMap((i) -> chatModel.stream(new Prompt("Count"))
					.doOnNext((response) -> peakConnections.accumulateAndGet(simulator.openConnections(), Math::max))
					.collectList()
					.map(ChatStreamSoakTests::problemsOf)
					.onErrorResume((ex) -> Mono.just("stream " + i + " failed: " + ex)), CONCURRENCY)
				.doOnNext((problem) -> {
					if (!problem.isEmpty()) {
						bad.incrementAndGet();
					}
					if (done.incrementAndGet() == 1000) {
						// The simulator records every request: not the starter's memory.
						simulator.clearRequests();
						threadsAfterFirstThousand.set(Thread.activeCount());
						heapAfterFirstThousand.set(usedHeapAfterGc());
					}
				})
				.filter((problem) -> !problem.isEmpty())
				.collectList()
				.block(Duration.ofMinutes(5));
			int requestsSinceFirstThousand = simulator.requests().size();
			simulator.clearRequests();
			long threadsAtEnd = Thread.activeCount();
			long heapAtEnd = usedHeapAfterGc();
			logger.info("Soak: " + TOTAL + " streams, " + CONCURRENCY + " at a time, in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; threads "
					+ threadsAfterFirstThousand + " -> " + threadsAtEnd + ", heap "
					+ heapAfterFirstThousand.get() / 1024 + " KiB -> " + heapAtEnd / 1024 + " KiB; at most "
					+ peakConnections + " connections open at once");
			assertThat(failures).as("first failures").isEmpty();
			assertThat(bad).hasValue(0);
			assertThat(done).hasValue(TOTAL);
			assertThat(threadsAtEnd).isLessThanOrEqualTo(threadsAfterFirstThousand.get() + THREAD_TOLERANCE);
			assertThat(heapAtEnd).isLessThanOrEqualTo(heapAfterFirstThousand.get() + HEAP_TOLERANCE_BYTES);
			// Each stream reached the server once (give or take the streams in flight
			// at the mark).
			assertThat(requestsSinceFirstThousand).isBetween(TOTAL - 1000 - CONCURRENCY, TOTAL - 1000 + CONCURRENCY);
		}
	}

	/**
	 * Check one stream: its chunks are the answer's words in order, its last response
	 * carries the usage (the server counts the end-of-sequence token too, so at least one
	 * completion token per word) and a finish reason.
	 * @return what is wrong, or an empty string
	 */
	static String problemsOf(List<ChatResponse> responses) {
		String text = responses.stream()
			.map((response) -> response.getResult().getOutput().getText())
			.map((chunk) -> (chunk != null) ? chunk : "")
			.collect(Collectors.joining());
		if (!text.equals(ANSWER)) {
			return "text was [" + text + "]";
		}
		ChatResponse last = responses.get(responses.size() - 1);
		Usage usage = last.getMetadata().getUsage();
		if (usage == null || usage.getCompletionTokens() == null || usage.getCompletionTokens() < WORDS) {
			return "usage was " + usage;
		}
		if (last.getResult().getMetadata().getFinishReason() == null) {
			return "no finish reason";
		}
		return "";
	}

	static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}

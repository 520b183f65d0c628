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

package io.github.mlxlm.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a load balancer acts on: the prompt cache, one or more generations at a time, and
 * model swaps that wait for the running generations.
 */
class FleetBehaviourTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String SLOW = "Count";

	static final String SLOW_STREAM = "{\"messages\": [{\"role\": \"user\", \"content\": \"Count\"}], \"stream\": true}";

	static final String SWAP = "{\"model\": \"other/model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

	MlxLmSimulator sim;

	@AfterEach
	void close() {
		if (this.sim != null) {
			this.sim.close();
		}
	}

	private MlxLmSimulator start(MlxLmSimulator.Builder builder) {
		this.sim = builder.model(MODEL)
			.huggingFaceCache(MODEL, "other/model")
			.script(SLOW, "one two three four five six seven eight nine ten ".repeat(20))
			.start();
		return this.sim;
	}

	private static String turn(String first, String answer, String next) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + first + "\"}, {\"role\": \"assistant\", "
				+ "\"content\": \"" + answer + "\"}, {\"role\": \"user\", \"content\": \"" + next + "\"}]}";
	}

	private static String user(String text) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}";
	}

	private Socket send(String json) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.sim.port());
		socket.setSoTimeout(10_000); // safety net only
		socket.getOutputStream().write(Raw.postRequest("/v1/chat/completions", json).getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return socket;
	}

	private static void readUntil(InputStream in, String text) throws IOException {
		StringBuilder seen = new StringBuilder();
		while (seen.indexOf(text) < 0) {
			int b = in.read();
			assertThat(b).as("connection closed before " + text).isNotNegative();
			seen.append((char) b);
		}
	}

	@Test
	void interleavedConversationsBothReuseTheirOwnCacheEntries() throws IOException {
		start(MlxLmSimulator.builder());
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Oslo"));
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Bergen"));
		Raw.post(this.sim.port(), "/v1/chat/completions", turn("Tell me about Oslo", "This is a test!", "More"));
		// 12 prompt tokens, 5 answer tokens and the end-of-turn token of the first
		// conversation
		assertThat(this.sim.generations().get(2).cachedTokens()).isEqualTo(18);
	}

	@Test
	void aOneEntryCacheLosesAConversationToAnInterleavedOne() throws IOException {
		start(MlxLmSimulator.builder().promptCacheSize(1));
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Oslo"));
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Bergen"));
		Raw.post(this.sim.port(), "/v1/chat/completions", turn("Tell me about Oslo", "This is a test!", "More"));
		// only "<|im_start|>user\nTell me about" is shared with the Bergen entry
		assertThat(this.sim.generations().get(2).cachedTokens()).isEqualTo(6);
		assertThat(this.sim.promptCacheEntries()).isEqualTo(1);
	}

	@Test
	void cacheEntriesSurviveAModelSwapAndBack() throws IOException {
		start(MlxLmSimulator.builder());
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Say this is a test!"));
		Raw.post(this.sim.port(), "/v1/chat/completions",
				"{\"model\": \"other/model\", \"messages\": [{\"role\": \"user\", \"content\": \"Say this is a test!\"}]}");
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Say this is a test!"));
		assertThat(this.sim.generations()).extracting(GenerationRecord::cachedTokens).containsExactly(0, 0, 13);
		assertThat(this.sim.loads()).containsExactly("other/model", MODEL);
	}

	@Test
	void generationsRecordTheResolvedModelAndTheUsage() throws IOException {
		start(MlxLmSimulator.builder());
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Say this is a test!"));
		assertThat(this.sim.generations()).containsExactly(new GenerationRecord(MODEL, 14, 0, 6, "stop", false));
	}

	@Test
	void keepalivesCountOnlyWhatTheCacheDoesNotHold() throws IOException {
		start(MlxLmSimulator.builder());
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Oslo"));
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Tell me about Bergen"));
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"Tell me about Oslo\"}], \"stream\": true}");
		assertThat(raw).contains(": keepalive 0/1\n\n: keepalive 1/1\n\n");
	}

	@Test
	void withDecodeConcurrencyOneASecondRequestWaitsAndReceivesNothing() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(1).tokensPerSecond(50));
		try (Socket first = send(SLOW_STREAM)) {
			readUntil(first.getInputStream(), "data: ");
			try (Socket second = send(user("hi"))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 1);
				assertThat(second.getInputStream().available()).isZero();
				first.close(); // the client leaves: the server notices at the next token
								// and frees the slot
				assertThat(new String(Raw.readToEof(second.getInputStream()), StandardCharsets.UTF_8))
					.startsWith("HTTP/1.0 200 OK");
			}
		}
		assertThat(this.sim.peakConcurrentGenerations()).isEqualTo(1);
	}

	@Test
	void withDecodeConcurrencyTwoTwoGenerateAndTheThirdWaits() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(2).tokensPerSecond(50));
		try (Socket a = send(SLOW_STREAM); Socket b = send(SLOW_STREAM); Socket c = send(SLOW_STREAM)) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.sim.activeGenerations() == 2 && this.sim.queuedGenerations() == 1);
		}
		assertThat(this.sim.peakConcurrentGenerations()).isEqualTo(2);
	}

	@Test
	void withoutALimitEveryRequestGeneratesAtOnce() throws IOException {
		start(MlxLmSimulator.builder().tokensPerSecond(50));
		try (Socket a = send(SLOW_STREAM); Socket b = send(SLOW_STREAM); Socket c = send(SLOW_STREAM)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.activeGenerations() == 3);
			assertThat(this.sim.queuedGenerations()).isZero();
		}
		assertThat(this.sim.peakConcurrentGenerations()).isEqualTo(3);
	}

	@Test
	void aSeededRequestWaitsForTheBatchToDrain() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(4).tokensPerSecond(50));
		try (Socket running = send(SLOW_STREAM)) {
			readUntil(running.getInputStream(), "data: ");
			try (Socket seeded = send("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"seed\": 7}")) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 1);
				assertThat(this.sim.activeGenerations()).isEqualTo(1);
				running.close();
				assertThat(new String(Raw.readToEof(seeded.getInputStream()), StandardCharsets.UTF_8))
					.startsWith("HTTP/1.0 200 OK");
			}
		}
	}

	@Test
	void aModelSwapWaitsForTheRunningGenerationsToDrain() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(4).tokensPerSecond(50));
		try (Socket running = send(SLOW_STREAM)) {
			readUntil(running.getInputStream(), "data: ");
			try (Socket swap = send(SWAP)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 1);
				assertThat(this.sim.loads()).isEmpty();
				running.close();
				assertThat(new String(Raw.readToEof(swap.getInputStream()), StandardCharsets.UTF_8))
					.startsWith("HTTP/1.0 200 OK");
			}
		}
		assertThat(this.sim.loads()).containsExactly("other/model");
	}

	@Test
	void requestsBehindADrainWaitToo() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(4).tokensPerSecond(50));
		try (Socket running = send(SLOW_STREAM)) {
			readUntil(running.getInputStream(), "data: ");
			try (Socket swap = send(SWAP)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 1);
				try (Socket behind = send(user("hi"))) {
					await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 2);
					assertThat(this.sim.activeGenerations()).isEqualTo(1);
				}
			}
		}
	}

	@Test
	void runningGenerationsShareTheTokenRate() throws Exception {
		// 20 words at 100 tokens/s: 0.2 s alone, 0.4 s for two sharing the rate,
		// whatever the overlap
		start(MlxLmSimulator.builder()
			.decodeConcurrency(2)
			.tokensPerSecond(100)
			.defaultReply(Reply.text("w ".repeat(19) + "w")));
		ExecutorService clients = Executors.newFixedThreadPool(2);
		try {
			long start = System.nanoTime();
			Future<Raw.Reply> a = clients.submit(this::postHi);
			Future<Raw.Reply> b = clients.submit(this::postHi);
			assertThat(a.get(10, TimeUnit.SECONDS).statusLine()).isEqualTo("HTTP/1.0 200 OK");
			assertThat(b.get(10, TimeUnit.SECONDS).statusLine()).isEqualTo("HTTP/1.0 200 OK");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		}
		finally {
			clients.shutdownNow();
		}
	}

	private Raw.Reply postHi() throws IOException {
		return Raw.post(this.sim.port(), "/v1/chat/completions", user("hi"));
	}

	@Test
	void closingTheSimulatorEndsAQueuedRequestWithNoReply() throws IOException {
		start(MlxLmSimulator.builder().decodeConcurrency(1).tokensPerSecond(50));
		try (Socket running = send(SLOW_STREAM)) {
			readUntil(running.getInputStream(), "data: ");
			try (Socket queued = send(user("hi"))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.sim.queuedGenerations() == 1);
				this.sim.close();
				assertThat(Raw.readToEof(queued.getInputStream())).isEmpty();
			}
		}
	}

	@Test
	void resetForgetsGenerationsAndTheCache() throws IOException {
		start(MlxLmSimulator.builder());
		Raw.post(this.sim.port(), "/v1/chat/completions", user("Say this is a test!"));
		this.sim.reset();
		assertThat(this.sim.generations()).isEmpty();
		assertThat(this.sim.promptCacheEntries()).isZero();
		assertThat(this.sim.peakConcurrentGenerations()).isZero();
	}

}

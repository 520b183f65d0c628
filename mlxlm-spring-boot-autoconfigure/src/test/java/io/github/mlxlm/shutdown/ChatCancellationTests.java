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

package io.github.mlxlm.shutdown;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling a stream (the subscriber disposes, as when the HTTP client of a web app goes
 * away) closes the connection to the server promptly, while the server is still
 * generating, and leaves no thread reading from it.
 */
class ChatCancellationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(1);

	static final Duration NO_HANG = Duration.ofSeconds(5);

	static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

	/** 200 tokens at 20 tokens/s: the server is still generating for 10 s. */
	static final String LONG_ANSWER = String.join(" ", Collections.nCopies(200, "token"));

	MlxLmSimulator simulator;

	MlxLmChatModelFactory factory;

	MlxLmChatModel chatModel;

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("Count", LONG_ANSWER)
			.tokensPerSecond(20)
			.start();
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder()
				.baseUrl(this.simulator.baseUrl())
				.connectTimeout(TIMEOUT)
				.readTimeout(TIMEOUT)
				.build())
			.build();
		this.chatModel = this.factory.createChatModel(MlxLmChatOptions.builder().build());
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	@Test
	void disposingAStreamClosesTheServerConnectionWhileItGenerates() {
		StepVerifier.create(this.chatModel.stream(new Prompt("Count"))).expectNextCount(1).thenCancel().verify(NO_HANG);
		await().atMost(NO_HANG).until(() -> this.simulator.openConnections() == 0);
	}

	@Test
	void disposingAChatClientStreamClosesTheServerConnectionWhileItGenerates() {
		StepVerifier.create(ChatClient.create(this.chatModel).prompt("Count").stream().content())
			.expectNextCount(1)
			.thenCancel()
			.verify(NO_HANG);
		await().atMost(NO_HANG).until(() -> this.simulator.openConnections() == 0);
	}

	@Test
	void disposingAStreamLeavesNoThreadReadingFromTheServer() {
		StepVerifier.create(this.chatModel.stream(new Prompt("Count"))).expectNextCount(1).thenCancel().verify(NO_HANG);
		await().atMost(NO_HANG).untilAsserted(() -> assertThat(threadsReadingFromServer()).isEmpty());
	}

	@Test
	void cancellingAReactiveCallClosesTheServerConnectionWithinASecond() {
		Disposable call = this.chatModel.reactiveCall(new Prompt("Count")).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.openConnections() == 1);
		call.dispose();
		await().atMost(WITHIN_A_SECOND).until(() -> this.simulator.openConnections() == 0);
	}

	@Test
	void interruptingABlockingCallClosesTheServerConnectionWithinASecond() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				this.chatModel.call(new Prompt("Count"));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "abandoned-caller");
		caller.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.openConnections() == 1);
		caller.interrupt();
		await().atMost(WITHIN_A_SECOND).until(() -> this.simulator.openConnections() == 0);
		caller.join(Duration.ofSeconds(5).toMillis());
		assertThat(failure.get()).isNotNull();
	}

	/**
	 * Name the client-side threads blocked reading a socket (the simulator's own threads
	 * stand for the remote server and are left out).
	 * @return the thread names
	 */
	static List<String> threadsReadingFromServer() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().getName().startsWith("mlxlm-simulator"))
			.filter((entry) -> List.of(entry.getValue())
				.stream()
				.anyMatch((frame) -> frame.getClassName().equals("sun.nio.ch.NioSocketImpl")
						&& frame.getMethodName().equals("read")))
			.map((entry) -> entry.getKey().getName())
			.toList();
	}

}

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

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.prompt.Prompt;

import static org.awaitility.Awaitility.await;

/**
 * No unbounded buffer between the socket and the caller: a consumer that asks for one
 * response and no more leaves a large answer unread on the server's side, where the
 * server's writes block, instead of the whole answer piling up in the client's memory.
 */
class MlxLmChatModelBackPressureTests {

	MlxLmSimulator simulator;

	MlxLmChatModelFactory factory;

	@BeforeEach
	void start() {
		// About 24 MB of text, written as fast as the socket takes it.
		this.simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("Flood", Reply.repeated("flood ", 4_000_000))
			.start();
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	@Test
	void aSlowConsumerSlowsTheServersWritesDown() {
		MlxLmChatModel chatModel = this.factory.chatModelBuilder().maxTokensCeiling(4_000_000).build();
		StepVerifier
			.create(chatModel.stream(new Prompt("Flood", MlxLmChatOptions.builder().maxTokens(4_000_000).build())), 1)
			.expectNextCount(1)
			.then(() -> await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.simulator.activeGenerations() == 1))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.simulator.openConnections() == 0);
	}

}

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

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams run side by side on the wire: no client-side limit per host queues a stream,
 * with no timeout running, while the server (which batches up to 32 sequences) could
 * serve it.
 */
class ChatStreamConcurrencyTests {

	static final int STREAMS = 16;

	MlxLmSimulator simulator;

	MlxLmChatModelFactory factory;

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("Count", String.join(" ", Collections.nCopies(200, "token")))
			.tokensPerSecond(20)
			.start();
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder()
				.baseUrl(this.simulator.baseUrl())
				.connectTimeout(Duration.ofSeconds(1))
				.readTimeout(Duration.ofSeconds(1))
				.build())
			.build();
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	@Test
	void sixteenStreamsAreOpenOnTheWireAtOnce() {
		MlxLmChatModel chatModel = this.factory.createChatModel(MlxLmChatOptions.builder().build());
		Disposable streams = Flux.range(0, STREAMS)
			.flatMap((i) -> chatModel.stream(new Prompt("Count")), STREAMS)
			.subscribe();
		try {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.simulator.openConnections()).isGreaterThanOrEqualTo(STREAMS));
		}
		finally {
			streams.dispose();
		}
	}

}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link MlxLmStreamMetrics}'s gauge of streams in flight returns to 0 however streams
 * end: completed, failed, or abandoned at any moment (before the first byte, while the
 * connection opens, mid-stream).
 */
class MlxLmStreamMetricsAbandonTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private MlxLmSimulator simulator;

	private MlxLmChatModelFactory factory;

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model("m")
			.defaultReply(io.github.mlxlm.simulator.Reply.text("a b c d e f g h i j k l m n o p q r s t"))
			.tokensPerSecond(40)
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
	void streamsAbandonedAtRandomMomentsLeaveNoStreamInFlight() {
		MlxLmChatModel model = this.factory.chatModelBuilder()
			.streamDecorator(new MlxLmStreamMetrics(this.registry))
			.build();
		Random random = new Random(42);
		List<Disposable> streams = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			Disposable stream = model.stream(new Prompt("Tell me a story number " + i)).subscribe(null, (ex) -> {
			});
			switch (random.nextInt(4)) {
				case 0 -> stream.dispose(); // before anything happened
				// while connecting or before the first chunk
				case 1 -> Mono.delay(Duration.ofMillis(1 + random.nextInt(50))).subscribe((tick) -> stream.dispose());
				// mid-stream
				case 2 -> Mono.delay(Duration.ofMillis(50 + random.nextInt(400))).subscribe((tick) -> stream.dispose());
				default -> {
					// to its end
				}
			}
			streams.add(stream);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(Disposable::isDisposed));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()).isZero());
	}

}

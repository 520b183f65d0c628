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

package io.github.mlxlm.autoconfigure.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmChatAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmMetricsAutoConfiguration;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauge of streams in flight returns to 0 when streams through a fleet are abandoned
 * at random moments, some of them while the load balancer picks a server or fails over
 * from one that refuses connections.
 */
class FleetStreamGaugeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FleetTestSupport.SPRING_CLOUD)
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmFleetAutoConfiguration.class,
				MlxLmChatAutoConfiguration.class, MlxLmMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void streamsAbandonedAtRandomMomentsThroughTheFleetLeaveNoStreamInFlight() throws IOException {
		List<MlxLmSimulator> simulators = IntStream.range(0, 2)
			.mapToObj((i) -> MlxLmSimulator.builder()
				.model(FleetTestSupport.MODEL_A)
				.defaultReply(Reply.text("a b c d e f g h i j k l m n o p q r s t"))
				.tokensPerSecond(40)
				.start())
			.toList();
		int refused;
		try (ServerSocket socket = new ServerSocket(0)) {
			refused = socket.getLocalPort();
		}
		try {
			List<String> properties = new ArrayList<>(List.of(FleetTestSupport.discovery(simulators)));
			properties.add("spring.cloud.discovery.client.simple.instances.mlxlm[2].uri=http://127.0.0.1:" + refused);
			properties.add("mlxlm.base-url=lb://mlxlm/v1");
			properties.add("mlxlm.model=" + FleetTestSupport.MODEL_A);
			this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
				MlxLmChatModel model = context.getBean(MlxLmChatModel.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Random random = new Random(7);
				List<Disposable> streams = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					MlxLmChatOptions options = MlxLmChatOptions.builder().conversationId("c-" + (i % 13)).build();
					Disposable stream = model.stream(new Prompt("Tell me a story number " + i, options))
						.subscribe(null, (ex) -> {
						});
					switch (random.nextInt(4)) {
						case 0 -> stream.dispose();
						case 1 ->
							Mono.delay(Duration.ofMillis(1 + random.nextInt(20))).subscribe((tick) -> stream.dispose());
						case 2 -> Mono.delay(Duration.ofMillis(20 + random.nextInt(400)))
							.subscribe((tick) -> stream.dispose());
						default -> {
						}
					}
					streams.add(stream);
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> streams.stream().allMatch(Disposable::isDisposed));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(
							() -> assertThat(registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()).isZero());
			});
		}
		finally {
			simulators.forEach(MlxLmSimulator::close);
		}
	}

}

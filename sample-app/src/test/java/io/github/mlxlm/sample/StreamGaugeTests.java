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

package io.github.mlxlm.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauge of streams in flight returns to 0 after the sample's event streams are
 * abandoned at random moments, as a browser that goes away does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mlxlm.simulator.tokens-per-second=40")
class StreamGaugeTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void abandonedEventStreamsLeaveNoStreamInFlight() {
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		Random random = new Random(7);
		List<Disposable> streams = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Disposable stream = client.get()
				.uri("/chat/stream?message=Tell%20me%20a%20long%20story%20" + i)
				.retrieve()
				.bodyToFlux(String.class)
				.subscribe(null, (ex) -> {
				});
			Mono.delay(Duration.ofMillis(random.nextInt(600))).subscribe((tick) -> stream.dispose());
			streams.add(stream);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(Disposable::isDisposed));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Search.in(this.registry)
				.name(MlxLmStreamMetrics.ACTIVE_STREAMS)
				.gauges()
				.stream()
				.mapToDouble((gauge) -> gauge.value())
				.sum()).isZero());
	}

}

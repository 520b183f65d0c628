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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application (as SIGTERM does, with Boot's graceful shutdown) while a stream
 * and a call wait on the model: both get an answer that says so, within the grace period,
 * and no close method fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	@Test
	void callsAndStreamsInFlightEndWithShutdownAnswersWhenTheApplicationStops(CapturedOutput output) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--mlxlm.simulator.tokens-per-second=2", "--mlxlm.shutdown.grace-period=300ms");
		String port = context.getEnvironment().getProperty("local.server.port");
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
		AtomicReference<Boolean> streamEnded = new AtomicReference<>();
		client.get()
			.uri("/chat/stream?message=Hello")
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.subscribe(events::add, (ex) -> streamEnded.set(false), () -> streamEnded.set(true));
		AtomicReference<ResponseEntity<String>> call = new AtomicReference<>();
		client.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Hello\"}")
			.exchangeToMono((response) -> response.toEntity(String.class))
			.subscribe(call::set);
		await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
		long start = System.nanoTime();
		context.close();
		Duration closing = Duration.ofNanos(System.nanoTime() - start);
		assertThat(closing).isLessThan(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).until(() -> streamEnded.get() != null && call.get() != null);
		assertThat(streamEnded.get()).as("the stream ended cleanly, with an event").isTrue();
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.event()).isEqualTo("error");
			assertThat(event.data()).contains("SHUTDOWN");
		});
		assertThat(call.get().getStatusCode().value()).isEqualTo(503);
		assertThat(call.get().getBody()).contains("Shutting down");
		assertThat(output).doesNotContain("Invocation of close method failed");
	}

}

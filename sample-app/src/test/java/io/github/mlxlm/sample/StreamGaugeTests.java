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

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauge of streams in flight returns to 0 after the sample's event streams are
 * abandoned at random moments, as a browser that goes away does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mlxlm.simulator.tokens-per-second=40")
class StreamGaugeTests {

	private static final String LONG_STORY = "Tell%20me%20about%20the%20sea";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Autowired
	MlxLmSimulator simulator;

	@AfterEach
	void clearFaults() {
		this.simulator.faults().clear();
		ConnectionEnds.hold = false;
	}

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
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streamsInFlight()).isZero());
	}

	@Test
	void eventStreamWhoseClientLeftBeforeItsFirstChunkEndsItsChatStream() throws IOException {
		// The window WebFlux leaves open: the connection is closed but Reactor Netty has
		// not yet handled it when the answer's first chunk arrives. Reactor Netty then
		// refuses the write without reading the body, and Spring's ChannelSendOperator
		// keeps the body subscribed: nothing cancels the chat stream. The window is held
		// open here by passing the channel's end on only when the test says so.
		this.simulator.faults().hangBeforeStatusLine(true);
		ConnectionEnds.hold = true;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /chat/stream?message=" + LONG_STORY + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.simulator.requests()
					.stream()
					.anyMatch((request) -> request.bodyAsString().contains("about the sea")));
			assertThat(streamsInFlight()).isOne();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> ConnectionEnds.held != null);
		this.simulator.faults().hangBeforeStatusLine(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> ConnectionEnds.handled.get() == 1);
		ConnectionEnds.passOn();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streamsInFlight()).isZero());
	}

	private double streamsInFlight() {
		return Search.in(this.registry)
			.name(MlxLmStreamMetrics.ACTIVE_STREAMS)
			.gauges()
			.stream()
			.mapToDouble((gauge) -> gauge.value())
			.sum();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ConnectionEnds {

		static volatile boolean hold;

		static volatile @Nullable ChannelHandlerContext held;

		static final AtomicInteger handled = new AtomicInteger();

		static void passOn() {
			ChannelHandlerContext context = held;
			assertThat(context).isNotNull();
			context.executor().execute(context::fireChannelInactive);
		}

		@Bean
		NettyServerCustomizer holdConnectionEnds() {
			return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
				if (hold) {
					channel.pipeline().addFirst("holdConnectionEnd", new ChannelInboundHandlerAdapter() {

						@Override
						public void channelInactive(ChannelHandlerContext context) {
							held = context;
						}

					});
				}
			});
		}

		@Bean
		WebFilter countHandledRequests() {
			return (exchange, chain) -> chain.filter(exchange).doFinally((signal) -> {
				if (hold) {
					handled.incrementAndGet();
				}
			});
		}

		@Bean
		MlxLmSimulatorBuilderCustomizer longStory() {
			// Longer than every buffer between the chat stream and the response.
			return (builder) -> builder.script("Tell me about the sea", Reply.text("wave ".repeat(2000)));
		}

	}

}

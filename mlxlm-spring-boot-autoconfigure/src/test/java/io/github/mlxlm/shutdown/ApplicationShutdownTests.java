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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmChatAutoConfiguration;
import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorAutoConfiguration;
import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context ends the streams in flight with a clear error, closes
 * their connections and leaves no non-daemon thread of the starter running.
 */
class ApplicationShutdownTests {

	static final Duration NO_HANG = Duration.ofSeconds(5);

	static final String LONG_ANSWER = String.join(" ", Collections.nCopies(200, "token"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmSimulatorAutoConfiguration.class, MlxLmAutoConfiguration.class,
				MlxLmChatAutoConfiguration.class))
		.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.tokens-per-second=20",
				"mlxlm.connect-timeout=1s", "mlxlm.read-timeout=1s", "mlxlm.shutdown.grace-period=0s")
		.withBean(MlxLmSimulatorBuilderCustomizer.class, () -> (builder) -> builder.script("Count", LONG_ANSWER));

	static Outcome subscribe(MlxLmChatModel chatModel) {
		Outcome outcome = new Outcome(new CopyOnWriteArrayList<>(), new CompletableFuture<>());
		chatModel.stream(new Prompt("Count"))
			.subscribe(outcome.received()::add, outcome.end()::complete, () -> outcome.end().complete(null));
		await().atMost(NO_HANG).until(() -> !outcome.received().isEmpty());
		return outcome;
	}

	@Test
	void closingTheContextEndsAStreamInFlightWithAnErrorNamingTheUrl() {
		this.contextRunner.run((context) -> {
			String baseUrl = context.getBean(MlxLmSimulator.class).baseUrl();
			Outcome outcome = subscribe(context.getBean(MlxLmChatModel.class));
			context.close();
			Throwable error = outcome.end().get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(error).isInstanceOf(MlxLmException.class)
				.hasMessageContaining(baseUrl)
				.hasMessageContaining("closed");
		});
	}

	@Test
	void aStreamThatEndsWithinTheGracePeriodEndsNormally() {
		this.contextRunner
			.withPropertyValues("mlxlm.shutdown.grace-period=20s", "mlxlm.simulator.tokens-per-second=200")
			.run((context) -> {
				Outcome outcome = subscribe(context.getBean(MlxLmChatModel.class));
				context.close();
				assertThat(outcome.end().get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS)).as("the stream's error")
					.isNull();
			});
	}

	@Test
	void newCallsAreRefusedWithShutdownOnceTheApplicationStops() {
		this.contextRunner.run((context) -> {
			MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
			context.close();
			assertThat(catchThrowable(() -> chatModel.call(new Prompt("Count")))).isInstanceOf(MlxLmException.class)
				.satisfies(
						(ex) -> assertThat(((MlxLmException) ex).reason()).isEqualTo(MlxLmException.Reason.SHUTDOWN));
		});
	}

	@Test
	void closingTheContextEndsABlockingCallInFlightWithAnErrorNamingTheUrl() {
		this.contextRunner.withPropertyValues("mlxlm.read-timeout=30s").run((context) -> {
			MlxLmSimulator simulator = context.getBean(MlxLmSimulator.class);
			simulator.faults().hangBeforeStatusLine(true);
			MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
			CompletableFuture<Throwable> end = CompletableFuture.supplyAsync(() -> {
				try {
					chatModel.call(new Prompt("Count"));
					return null;
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			simulator.awaitRequests(1, NO_HANG);
			context.close();
			// The message, not the timing, shows that the shutdown (not the read
			// timeout) ended it.
			Throwable error = end.get(35, TimeUnit.SECONDS);
			assertThat(error).isInstanceOf(MlxLmException.class)
				.hasMessageContaining(simulator.baseUrl())
				.hasMessageContaining("shutting down");
		});
	}

	@Test
	void closingTheContextClosesTheServerConnectionOfAStreamInFlight() {
		this.contextRunner.withPropertyValues().run((context) -> {
			MlxLmSimulator simulator = context.getBean(MlxLmSimulator.class);
			Outcome outcome = subscribe(context.getBean(MlxLmChatModel.class));
			context.close();
			outcome.end().get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(simulator.openConnections()).isZero();
		});
	}

	@Test
	void closingTheContextLeavesNoNonDaemonThreadOfTheStarter() {
		this.contextRunner.run((context) -> {
			Outcome outcome = subscribe(context.getBean(MlxLmChatModel.class));
			context.close();
			outcome.end().get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS);
			await().atMost(NO_HANG)
				.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
					.filteredOn((thread) -> thread.isAlive() && !thread.isDaemon())
					.extracting(Thread::getName)
					.noneMatch((name) -> name.startsWith("mlxlm")));
		});
	}

	record Outcome(List<ChatResponse> received, CompletableFuture<Throwable> end) {
	}

}

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

package io.github.mlxlm.faults;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chat call and chat stream fault matrices share: one simulator and one WireMock
 * server per class, a chat model per test with short timeouts, and after each test the
 * check that no connection and no thread of ours is left behind.
 */
abstract class ChatFaultMatrixSupport {

	static final Duration TIMEOUT = Duration.ofMillis(700);

	static final Duration NO_HANG = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static MlxLmSimulator simulator;

	@Nullable MlxLmChatModelFactory factory;

	long baselineThreads;

	@BeforeAll
	static void startSimulator() {
		simulator = ServerFault.startSimulator();
		WireFault.warmUp(wire);
	}

	@BeforeEach
	void measureBaseline() {
		this.baselineThreads = ServerFault.clientThreads();
	}

	@AfterEach
	void clearFaultsAndCheckThreads() {
		if (this.factory != null) {
			this.factory.close();
		}
		simulator.reset();
		wire.resetAll();
		ServerFault.awaitNothingLeftBehind(simulator, this.baselineThreads, NO_HANG);
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	MlxLmChatModel chatModel(String baseUrl, @Nullable String model) {
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder()
				.baseUrl(baseUrl)
				.apiKey(ServerFault.API_KEY)
				.connectTimeout(TIMEOUT)
				.readTimeout(TIMEOUT)
				.build())
			.build();
		MlxLmChatOptions.Builder defaults = MlxLmChatOptions.builder();
		if (model != null) {
			defaults.model(model);
		}
		return this.factory.createChatModel(defaults.build());
	}

	MlxLmChatModel faulty(ServerFault fault) {
		fault.applyTo(simulator);
		return chatModel(simulator.baseUrl(), fault.configuredModel());
	}

	static void assertNamesUrl(Throwable thrown, String baseUrl) {
		assertThat(thrown).isInstanceOf(MlxLmException.class)
			.isNotInstanceOf(CompletionException.class)
			.hasMessageContaining(baseUrl);
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(ServerFault.API_KEY);
		}
	}

	static void assertFailsFor(Throwable thrown, ServerFault fault) {
		assertNamesUrl(thrown, simulator.baseUrl());
		assertThat(((MlxLmException) thrown).reason()).as(thrown.getMessage()).isEqualTo(fault.reason());
	}

}

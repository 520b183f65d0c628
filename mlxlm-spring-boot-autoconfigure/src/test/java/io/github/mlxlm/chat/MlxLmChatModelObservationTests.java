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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MlxLmChatModel} observes calls and streams with Spring AI's conventions,
 * provider {@code mlx}, and names the model the server runs (detected) rather than
 * {@code default_model}, which is only what goes on the wire.
 */
class MlxLmChatModelObservationTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	MlxLmSimulator simulator;

	MlxLmChatModelFactory factory;

	final List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder().model(MODEL).huggingFaceCache(MODEL).start();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<ChatModelObservationContext>() {

			@Override
			public void onStop(ChatModelObservationContext context) {
				MlxLmChatModelObservationTests.this.observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ChatModelObservationContext;
			}

		});
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build())
			.observationRegistry(registry)
			.build();
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	@Test
	void callNamesTheDetectedModelInMetadataAndObservation() {
		ChatResponse response = this.factory.create().call(new Prompt("Hello"));
		assertThat(response.getMetadata().getModel()).isEqualTo(MODEL);
		assertThat(this.observed).singleElement().satisfies((context) -> {
			assertThat(context.getRequest().getOptions().getModel()).isEqualTo(MODEL);
			assertThat(context.isStreaming()).isFalse();
			assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("gen_ai.system", "mlx"),
					KeyValue.of("gen_ai.request.model", MODEL), KeyValue.of("gen_ai.response.model", MODEL));
		});
		assertThat(this.simulator.requests())
			.anySatisfy((request) -> assertThat(request.bodyAsString()).contains("\"model\":\"default_model\""));
	}

	@Test
	void streamIsObservedAsAStreamWithTheWholeAnswer() {
		List<ChatResponse> responses = this.factory.create().stream(new Prompt("Hello")).collectList().block();
		assertThat(responses).isNotEmpty()
			.allSatisfy((response) -> assertThat(response.getMetadata().getModel()).isEqualTo(MODEL));
		assertThat(this.observed).singleElement().satisfies((context) -> {
			assertThat(context.isStreaming()).isTrue();
			assertThat(context.getResponse()).isNotNull();
			assertThat(context.getResponse().getResult().getOutput().getText()).isEqualTo(MlxLmSimulator.DEFAULT_REPLY);
			assertThat(context.getResponse().getMetadata().getUsage().getTotalTokens()).isPositive();
		});
	}

}

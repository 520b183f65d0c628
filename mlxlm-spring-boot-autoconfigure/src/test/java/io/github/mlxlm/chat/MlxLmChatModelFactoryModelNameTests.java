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

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the model name that {@link MlxLmChatModelFactory}'s models report when none
 * is configured (they send {@code default_model} and name the model the server lists).
 */
class MlxLmChatModelFactoryModelNameTests {

	private static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	@Test
	void serverThatListsNoModelIsAskedOnceNotOnEveryCall() {
		// mlx_lm.server lists its Hugging Face cache, which may hold nothing (a model
		// loaded from a local path): each call must not pay for a listing again.
		try (MlxLmSimulator simulator = MlxLmSimulator.builder().model(MODEL).huggingFaceCache().start();
				MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
					.client(MlxLmClient.builder().baseUrl(simulator.baseUrl()).build())
					.build()) {
			MlxLmChatModel chatModel = factory.create();
			for (int i = 0; i < 3; i++) {
				assertThat(chatModel.call(new Prompt("Hello " + i)).getResult()).isNotNull();
			}
			assertThat(simulator.requests()).filteredOn((request) -> request.path().startsWith("/v1/models"))
				.hasSize(1);
		}
	}

}

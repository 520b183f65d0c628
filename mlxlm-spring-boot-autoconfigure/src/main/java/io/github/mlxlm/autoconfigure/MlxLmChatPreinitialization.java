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

package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The Spring AI part of {@link MlxLmBackgroundPreinitializer}, in a class of its own so
 * that Spring AI's types are loaded only when they are present: a chat call and a chat
 * stream on a wire whose exchanges are answered in memory.
 *
 * @author mlxlm developers
 */
final class MlxLmChatPreinitialization {

	private MlxLmChatPreinitialization() {
	}

	static void run(MlxLmClient client) {
		try (MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().client(client).build()) {
			ChatModel chatModel = factory.create();
			chatModel.call(new Prompt("x"));
			chatModel.stream(new Prompt("x")).blockLast();
		}
	}

}

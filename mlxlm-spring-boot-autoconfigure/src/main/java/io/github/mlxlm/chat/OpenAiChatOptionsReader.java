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

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Reads what Spring AI's {@link OpenAiChatOptions} carry beyond the portable fields, so
 * that a prompt written for Spring AI's OpenAI model works here too. Loaded only when
 * {@code spring-ai-openai} is on the class path.
 *
 * @author mlxlm developers
 */
final class OpenAiChatOptionsReader {

	private OpenAiChatOptionsReader() {
	}

	static void read(ChatOptions options, MlxLmChatOptions.Builder builder) {
		if (!(options instanceof OpenAiChatOptions openAi)) {
			return;
		}
		if (OpenAiChatOptions.DEFAULT_CHAT_MODEL.equals(openAi.getModel())) {
			// Spring AI's own default, not a choice: sending it would make the server
			// load another model.
			builder.model(null);
		}
		builder.seed(openAi.getSeed());
		if (openAi.getMaxCompletionTokens() != null) {
			builder.maxTokens(openAi.getMaxCompletionTokens());
		}
		builder.responseFormatRequested(openAi.getResponseFormat() != null);
	}

}

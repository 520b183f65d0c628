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
			// load
			// another model.
			builder.model(null);
		}
		builder.seed(openAi.getSeed());
		if (openAi.getMaxCompletionTokens() != null) {
			builder.maxTokens(openAi.getMaxCompletionTokens());
		}
		builder.responseFormatRequested(openAi.getResponseFormat() != null);
	}

}

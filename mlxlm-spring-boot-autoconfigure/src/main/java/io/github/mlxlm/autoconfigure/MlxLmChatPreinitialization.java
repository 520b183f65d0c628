package io.github.mlxlm.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.mlxlm.chat.MlxLmChatOptions;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The Spring AI part of {@link MlxLmBackgroundPreinitializer}, in a class of its own so
 * that Spring AI's types are loaded only when they are present.
 *
 * @author mlxlm developers
 */
final class MlxLmChatPreinitialization {

	private MlxLmChatPreinitialization() {
	}

	static void run() {
		MlxLmChatOptions defaults = MlxLmChatOptions.builder().maxTokens(1).build();
		Prompt prompt = new Prompt("x", MlxLmChatOptions.builder().temperature(0.0).build());
		MlxLmChatOptions.merge(defaults, prompt.getOptions()).mlxBody();
		AssistantMessage message = AssistantMessage.builder()
			.content("x")
			.properties(Map.of("reasoning", "y"))
			.toolCalls(List.of(new AssistantMessage.ToolCall("0", "function", "f", "{}")))
			.build();
		Generation generation = new Generation(message, ChatGenerationMetadata.builder().finishReason("stop").build());
		new ChatResponse(List.of(generation),
				ChatResponseMetadata.builder()
					.id("0")
					.model("default_model")
					.usage(new DefaultUsage(1, 1, 2, null, 0L, null))
					.build());
	}

}

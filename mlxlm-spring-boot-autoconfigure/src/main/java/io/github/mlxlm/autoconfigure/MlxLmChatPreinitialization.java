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

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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmInvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.DigestUtils;
import org.springframework.util.StringUtils;

/**
 * Turns a Spring AI {@link Prompt} with merged {@link MlxLmChatOptions} into the request
 * mlx_lm.server reads, refusing before a byte is sent what the server would answer by
 * dropping the connection or cannot do.
 *
 * @author mlxlm developers
 */
final class MlxLmChatRequests {

	private final String url;

	private final ToolCallingManager toolCallingManager;

	private final JsonMapper jsonMapper;

	MlxLmChatRequests(String url, ToolCallingManager toolCallingManager, JsonMapper jsonMapper) {
		this.url = url;
		this.toolCallingManager = toolCallingManager;
		this.jsonMapper = jsonMapper;
	}

	/*
	 * Check what the server cannot take: options out of range, {@code response_format},
	 * media, lone surrogates.
	 */
	void check(Prompt prompt, MlxLmChatOptions options, int maxTokensCeiling) {
		if (options.isResponseFormatRequested()) {
			throw invalid("mlx_lm.server at " + this.url
					+ " does not support response_format (structured output): it ignores it and answers with empty"
					+ " or free-form text, so the request was not sent. Use ChatClient...entity(MyType.class), which"
					+ " asks for JSON through prompt instructions, without native structured output.",
					"responseFormat");
		}
		List<MlxLmChatOptionsCheck.Violation> violations = MlxLmChatOptionsCheck.check(options, maxTokensCeiling);
		if (!violations.isEmpty()) {
			MlxLmChatOptionsCheck.Violation first = violations.get(0);
			throw invalid("Request to MLX-LM server at " + this.url + " was not sent: " + first.field() + " is "
					+ first.value() + ", but it must be " + first.expected(), first.field());
		}
		int index = 0;
		for (Message message : prompt.getInstructions()) {
			if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
				Media media = user.getMedia().get(0);
				throw invalid(
						"mlx_lm.server at " + this.url + " supports only text message content; this prompt carries "
								+ media.getMimeType()
								+ " media, so the request was not sent. Send the content as text.",
						"messages[" + index + "]");
			}
			String text = message.getText();
			if (text != null && hasLoneSurrogate(text)) {
				throw invalid(
						"Request to MLX-LM server at " + this.url + " was not sent: messages[" + index
								+ "] contains a lone UTF-16 surrogate, which is not valid Unicode",
						"messages[" + index + "]");
			}
			index++;
		}
	}

	MlxLmApi.ChatRequest request(Prompt prompt, MlxLmChatOptions options, String modelSent) {
		List<MlxLmApi.Message> messages = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			addMessage(messages, message);
		}
		List<ToolDefinition> definitions = this.toolCallingManager.resolveToolDefinitions(options);
		List<MlxLmApi.Tool> tools = definitions.isEmpty() ? null : definitions.stream().map(this::tool).toList();
		return new MlxLmApi.ChatRequest(modelSent, messages, options.getMaxTokens(), options.getTemperature(),
				options.getTopP(), emptyToNull(options.getStopSequences()), options.getSeed(),
				options.getPresencePenalty(), options.getFrequencyPenalty(), tools, null, null, options.mlxBody());
	}

	/*
	 * Return the key that keeps a conversation on one server: the options' conversation
	 * id when set, else Spring AI's chat-memory conversation id when the prompt's tool
	 * context carries one, else a hash of the system message and the first user message
	 * (the same for every turn of a conversation).
	 */
	static String affinityKey(Prompt prompt, MlxLmChatOptions options) {
		if (StringUtils.hasText(options.getConversationId())) {
			return "conversation:" + options.getConversationId();
		}
		Map<String, Object> context = options.getToolContext();
		Object conversationId = (context != null) ? context.get(ChatMemory.CONVERSATION_ID) : null;
		if (conversationId != null) {
			return "conversation:" + conversationId;
		}
		StringBuilder seed = new StringBuilder();
		for (Message message : prompt.getInstructions()) {
			if (message instanceof SystemMessage system) {
				seed.append("system:").append(system.getText()).append('\n');
			}
		}
		for (Message message : prompt.getInstructions()) {
			if (message instanceof UserMessage user) {
				seed.append("user:").append(user.getText());
				break;
			}
		}
		return "prefix:" + DigestUtils.md5DigestAsHex(seed.toString().getBytes(StandardCharsets.UTF_8));
	}

	private void addMessage(List<MlxLmApi.Message> messages, Message message) {
		switch (message.getMessageType()) {
			case SYSTEM -> messages.add(new MlxLmApi.Message("system", text(message), null, null, null, null));
			case USER -> messages.add(new MlxLmApi.Message("user", text(message), null, null, null, null));
			case ASSISTANT -> {
				AssistantMessage assistant = (AssistantMessage) message;
				List<MlxLmApi.ToolCall> calls = assistant.hasToolCalls() ? assistant.getToolCalls()
					.stream()
					.map((call) -> new MlxLmApi.ToolCall(null, call.id(), "function",
							new MlxLmApi.FunctionCall(call.name(), call.arguments())))
					.toList() : null;
				messages.add(new MlxLmApi.Message("assistant", text(message), null, calls, null, null));
			}
			case TOOL -> {
				for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
					messages.add(new MlxLmApi.Message("tool", response.responseData(), null, null, response.id(),
							response.name()));
				}
			}
		}
	}

	private MlxLmApi.Tool tool(ToolDefinition definition) {
		JsonNode schema;
		try {
			schema = this.jsonMapper.readTree(definition.inputSchema());
		}
		catch (JacksonException ex) {
			throw invalid("Request to MLX-LM server at " + this.url + " was not sent: the input schema of tool '"
					+ definition.name() + "' is not JSON", "tools");
		}
		return new MlxLmApi.Tool("function",
				new MlxLmApi.Function(definition.name(), definition.description(), schema));
	}

	private static String text(Message message) {
		// Never null on the wire: the server drops the connection on a JSON null.
		return (message.getText() != null) ? message.getText() : "";
	}

	private static @Nullable List<String> emptyToNull(@Nullable List<String> values) {
		return (values == null || values.isEmpty()) ? null : values;
	}

	private MlxLmInvalidRequestException invalid(String message, String field) {
		return new MlxLmInvalidRequestException(message, this.url, field);
	}

	static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return true;
			}
			if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}

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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmApi;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * Folds the responses of a stream, or the wire's chunks of a call, one by one as they
 * pass, into the one response of a call: text and reasoning appended, tool calls
 * collected, the finish reason and the usage kept. Nothing but the text is retained, so a
 * long stream never piles up responses. Not thread-safe: a stream delivers its responses
 * one at a time.
 *
 * @author mlxlm developers
 */
final class MlxLmChatAggregation {

	private final Map<Integer, Choice> choices = new LinkedHashMap<>();

	private String id = "";

	private @Nullable Usage usage;

	private @Nullable String server;

	/**
	 * Fold one response in.
	 * @param response a response of the stream
	 */
	void add(ChatResponse response) {
		if (StringUtils.hasText(response.getMetadata().getId())) {
			this.id = response.getMetadata().getId();
		}
		if (response.getMetadata().get(MlxLmChatModel.SERVER) instanceof String name) {
			this.server = name;
		}
		Usage own = response.getMetadata().getUsage();
		if (own != null && own.getNativeUsage() instanceof MlxLmApi.Usage) {
			this.usage = own;
		}
		int index = 0;
		for (Generation generation : response.getResults()) {
			this.choices.computeIfAbsent(index, (key) -> new Choice()).add(generation);
			index++;
		}
	}

	/**
	 * Fold one chunk of the wire in: a call needs no response per chunk.
	 * @param chunk a chunk of the stream
	 */
	void add(MlxLmApi.Completion chunk) {
		// As the stream's responses: the id and server of its first chunk.
		if (this.id.isEmpty() && StringUtils.hasText(chunk.id())) {
			this.id = chunk.id();
		}
		if (this.server == null) {
			this.server = chunk.server();
		}
		if (chunk.usage() != null) {
			this.usage = MlxLmChatModel.usage(chunk.usage());
		}
		if (chunk.choices() != null) {
			for (MlxLmApi.Choice choice : chunk.choices()) {
				int index = (choice.index() != null) ? choice.index() : 0;
				this.choices.computeIfAbsent(index, (key) -> new Choice()).add(choice);
			}
		}
	}

	/**
	 * Return the whole response.
	 * @param modelName the model to name in the metadata
	 * @return the response of the call
	 */
	ChatResponse result(String modelName) {
		List<Generation> generations = new ArrayList<>(this.choices.size());
		for (Choice choice : this.choices.values()) {
			generations.add(choice.generation());
		}
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().id(this.id).model(modelName);
		if (this.usage != null) {
			metadata.usage(this.usage);
		}
		if (this.server != null) {
			metadata.keyValue(MlxLmChatModel.SERVER, this.server);
		}
		return new ChatResponse(generations, metadata.build());
	}

	private static final class Choice {

		private final StringBuilder text = new StringBuilder();

		private final StringBuilder reasoning = new StringBuilder();

		private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();

		private ChatGenerationMetadata finish = ChatGenerationMetadata.NULL;

		void add(Generation generation) {
			AssistantMessage output = generation.getOutput();
			if (output.getText() != null) {
				this.text.append(output.getText());
			}
			if (output.getMetadata().get(MlxLmChatModel.REASONING) instanceof String part) {
				this.reasoning.append(part);
			}
			if (output.hasToolCalls()) {
				this.toolCalls.addAll(output.getToolCalls());
			}
			if (generation.getMetadata().getFinishReason() != null) {
				this.finish = generation.getMetadata();
			}
		}

		void add(MlxLmApi.Choice choice) {
			MlxLmApi.Message delta = (choice.delta() != null) ? choice.delta() : choice.message();
			if (delta != null) {
				if (delta.content() != null) {
					this.text.append(delta.content());
				}
				if (StringUtils.hasLength(delta.reasoning())) {
					this.reasoning.append(delta.reasoning());
				}
				this.toolCalls.addAll(MlxLmChatModel.toolCalls(delta));
			}
			if (choice.finishReason() != null) {
				this.finish = MlxLmChatModel.finish(choice.finishReason());
			}
		}

		Generation generation() {
			Map<String, Object> properties = new LinkedHashMap<>();
			if (!this.reasoning.isEmpty()) {
				properties.put(MlxLmChatModel.REASONING, this.reasoning.toString());
				properties.put(MlxLmChatModel.REASONING_CONTENT, this.reasoning.toString());
			}
			AssistantMessage message = AssistantMessage.builder()
				.content(this.text.toString())
				.properties(properties)
				.toolCalls(this.toolCalls)
				.build();
			return new Generation(message, this.finish);
		}

	}

}

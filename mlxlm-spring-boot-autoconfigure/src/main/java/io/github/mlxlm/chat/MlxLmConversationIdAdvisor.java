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

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.AdvisorChain;
import org.springframework.ai.chat.client.advisor.api.BaseAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.StringUtils;

/**
 * Copies the chat-memory conversation id that a {@code ChatClient} request carries in its
 * advisor parameters ({@link ChatMemory#CONVERSATION_ID}) into the prompt's
 * {@link MlxLmChatOptions#getConversationId() conversation id}, which the chat model
 * never sees otherwise: with several servers, every turn of the conversation then goes to
 * the server whose prompt cache holds it, and the id is given once. An id already set on
 * the options wins. Never sent to the server.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmConversationIdAdvisor implements BaseAdvisor {

	/**
	 * Order of this advisor: early, so that every advisor after it (and every round of
	 * tool calling) sees the id.
	 */
	public static final int ORDER = 0;

	@Override
	public ChatClientRequest before(ChatClientRequest request, AdvisorChain chain) {
		Object conversationId = request.context().get(ChatMemory.CONVERSATION_ID);
		if (conversationId == null || !StringUtils.hasText(conversationId.toString())) {
			return request;
		}
		Prompt prompt = request.prompt();
		if (prompt.getOptions() instanceof MlxLmChatOptions options
				&& StringUtils.hasText(options.getConversationId())) {
			return request;
		}
		MlxLmChatOptions options = MlxLmChatOptions.merge(MlxLmChatOptions.builder().build(), prompt.getOptions())
			.mutate()
			.conversationId(conversationId.toString())
			.build();
		return request.mutate().prompt(prompt.mutate().chatOptions(options).build()).build();
	}

	@Override
	public ChatClientResponse after(ChatClientResponse response, AdvisorChain chain) {
		return response;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}

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

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmConversationIdAdvisor}.
 */
class MlxLmConversationIdAdvisorTests {

	private final MlxLmConversationIdAdvisor advisor = new MlxLmConversationIdAdvisor();

	@Test
	void copiesTheChatMemoryConversationIdIntoTheOptionsKeepingTheirValues() {
		Prompt prompt = new Prompt("Hi", MlxLmChatOptions.builder().temperature(0.3).build());
		ChatClientRequest request = this.advisor
			.before(new ChatClientRequest(prompt, Map.of(ChatMemory.CONVERSATION_ID, "c-1")), null);
		MlxLmChatOptions options = (MlxLmChatOptions) request.prompt().getOptions();
		assertThat(options.getConversationId()).isEqualTo("c-1");
		assertThat(options.getTemperature()).isEqualTo(0.3);
		assertThat(request.prompt().getContents()).isEqualTo("Hi");
	}

	@Test
	void readsOptionsOfAnotherType() {
		Prompt prompt = new Prompt("Hi", ChatOptions.builder().maxTokens(12).build());
		ChatClientRequest request = this.advisor
			.before(new ChatClientRequest(prompt, Map.of(ChatMemory.CONVERSATION_ID, "c-1")), null);
		MlxLmChatOptions options = (MlxLmChatOptions) request.prompt().getOptions();
		assertThat(options.getConversationId()).isEqualTo("c-1");
		assertThat(options.getMaxTokens()).isEqualTo(12);
	}

	@Test
	void anIdOnTheOptionsWins() {
		Prompt prompt = new Prompt("Hi", MlxLmChatOptions.builder().conversationId("mine").build());
		ChatClientRequest request = new ChatClientRequest(prompt, Map.of(ChatMemory.CONVERSATION_ID, "c-1"));
		assertThat(this.advisor.before(request, null)).isSameAs(request);
	}

	@Test
	void leavesRequestsWithoutAConversationAlone() {
		ChatClientRequest request = new ChatClientRequest(new Prompt("Hi"), Map.of());
		assertThat(this.advisor.before(request, null)).isSameAs(request);
	}

}

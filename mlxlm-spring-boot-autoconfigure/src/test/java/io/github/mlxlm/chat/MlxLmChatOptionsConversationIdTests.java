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

import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolCallingManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation id of {@link MlxLmChatOptions}: carried through the builder, mutation
 * and merging, used first for the affinity key, and never written on the wire.
 */
class MlxLmChatOptionsConversationIdTests {

	private static final Prompt PROMPT = new Prompt(
			List.of(new SystemMessage("You are terse."), new UserMessage("Hello")));

	@Test
	void builderAndMutateCarryTheConversationId() {
		MlxLmChatOptions options = MlxLmChatOptions.builder().conversationId("c-1").temperature(0.2).build();
		assertThat(options.getConversationId()).isEqualTo("c-1");
		assertThat(options.mutate().build().getConversationId()).isEqualTo("c-1");
		assertThat(options.mutate().conversationId("c-2").build().getConversationId()).isEqualTo("c-2");
		assertThat(MlxLmChatOptions.builder().build().getConversationId()).isNull();
	}

	@Test
	void requestConversationIdWinsAndAnUnsetOneKeepsTheDefault() {
		MlxLmChatOptions defaults = MlxLmChatOptions.builder().conversationId("default").maxTokens(64).build();
		assertThat(MlxLmChatOptions.merge(defaults, MlxLmChatOptions.builder().conversationId("c-7").build())
			.getConversationId()).isEqualTo("c-7");
		assertThat(MlxLmChatOptions.merge(defaults, MlxLmChatOptions.builder().temperature(0.5).build())
			.getConversationId()).isEqualTo("default");
		assertThat(MlxLmChatOptions.merge(defaults, ChatOptions.builder().temperature(0.5).build()).getConversationId())
			.isEqualTo("default");
		MlxLmChatOptions request = MlxLmChatOptions.builder().conversationId("c-7").build();
		MlxLmChatOptions once = MlxLmChatOptions.merge(defaults, request);
		assertThat(MlxLmChatOptions.merge(defaults, once)).isEqualTo(once);
		assertThat(MlxLmChatOptions.builder()
			.conversationId("c-1")
			.combineWith(request.mutate())
			.build()
			.getConversationId()).isEqualTo("c-7");
	}

	@Test
	void equalsHashCodeAndToStringIncludeTheConversationId() {
		MlxLmChatOptions one = MlxLmChatOptions.builder().conversationId("c-1").build();
		assertThat(one).isEqualTo(MlxLmChatOptions.builder().conversationId("c-1").build())
			.hasSameHashCodeAs(MlxLmChatOptions.builder().conversationId("c-1").build())
			.isNotEqualTo(MlxLmChatOptions.builder().conversationId("c-2").build())
			.isNotEqualTo(MlxLmChatOptions.builder().build());
		assertThat(one.toString()).contains("conversationId=c-1");
		assertThat(MlxLmChatOptions.builder().build().toString()).doesNotContain("conversationId");
	}

	@Test
	void conversationIdIsNeverSent() {
		MlxLmChatOptions options = MlxLmChatOptions.builder().conversationId("secret-conversation-42").topK(20).build();
		assertThat(options.mlxBody()).containsOnlyKeys("top_k");
		MlxLmApi api = new MlxLmApi(MlxLmConnection.of("http://localhost:8080/v1"));
		MlxLmChatRequests requests = new MlxLmChatRequests("http://localhost:8080/v1/chat/completions",
				DefaultToolCallingManager.builder().build(), api.jsonMapper());
		String body = api.jsonMapper().writeValueAsString(requests.request(PROMPT, options, "default_model"));
		assertThat(body).doesNotContain("secret-conversation-42")
			.doesNotContainIgnoringCase("conversation")
			.contains("\"top_k\":20");
	}

	@Test
	void affinityKeyIsTheConversationIdFirst() {
		MlxLmChatOptions both = MlxLmChatOptions.builder()
			.conversationId("c-1")
			.toolContext(Map.of(ChatMemory.CONVERSATION_ID, "from-tool-context"))
			.build();
		assertThat(MlxLmChatRequests.affinityKey(PROMPT, both)).isEqualTo("conversation:c-1");
	}

	@Test
	void affinityKeyFallsBackToTheToolContextThenToTheFirstMessages() {
		MlxLmChatOptions toolContext = MlxLmChatOptions.builder()
			.toolContext(Map.of(ChatMemory.CONVERSATION_ID, "from-tool-context"))
			.build();
		assertThat(MlxLmChatRequests.affinityKey(PROMPT, toolContext)).isEqualTo("conversation:from-tool-context");
		String prefix = MlxLmChatRequests.affinityKey(PROMPT, MlxLmChatOptions.builder().build());
		assertThat(prefix).startsWith("prefix:");
		Prompt later = new Prompt(List.of(new SystemMessage("You are terse."), new UserMessage("Hello"),
				new UserMessage("And another thing")));
		assertThat(MlxLmChatRequests.affinityKey(later, MlxLmChatOptions.builder().build())).isEqualTo(prefix);
		assertThat(MlxLmChatRequests.affinityKey(PROMPT, MlxLmChatOptions.builder().conversationId(" ").build()))
			.isEqualTo(prefix);
	}

}

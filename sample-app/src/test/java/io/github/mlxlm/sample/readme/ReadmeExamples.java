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

package io.github.mlxlm.sample.readme;

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmInvalidRequestException;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The README's examples, as real code: each region between {@code tag::} and
 * {@code end::} is one {@code java} block of the README ({@code ReadmeSnippetsTests}
 * checks that they are the same), and {@code ReadmeExamplesTests} runs every method
 * against the simulator.
 */
final class ReadmeExamples {

	private ReadmeExamples() {
	}

	static ChatResponse response(ChatClient chatClient) {
		// tag::response[]
		ChatResponse response = chatClient.prompt().user("Say hello").call().chatResponse();
		String answer = response.getResult().getOutput().getText();
		// "stop", or "length" when max-tokens cut the answer short
		String finishReason = response.getResult().getMetadata().getFinishReason();
		// the model the server runs, or "default_model" when it cannot tell
		String model = response.getMetadata().getModel();
		Usage usage = response.getMetadata().getUsage();
		// prompt tokens the server took from its prompt cache
		Long cachedTokens = usage.getCacheReadInputTokens();
		// end::response[]
		return response;
	}

	static String chatMemory(ChatClient.Builder chatClientBuilder, ChatMemory chatMemory) {
		// tag::chat-memory[]
		ChatClient chatClient = chatClientBuilder.defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build())
			.build();
		chatClient.prompt()
			.user("My name is Ada.")
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
			.call()
			.content();
		String answer = chatClient.prompt()
			.user("What is my name?")
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
			.call()
			.content();
		// end::chat-memory[]
		return answer;
	}

	static String options(ChatClient chatClient) {
		// tag::options[]
		String haiku = chatClient.prompt()
			.user("Write a haiku about the sea")
			.options(MlxLmChatOptions.builder().temperature(0.8).topK(40).minP(0.05).maxTokens(256))
			.call()
			.content();
		// end::options[]
		return haiku;
	}

	static AssistantMessage reasoning(ChatClient chatClient) {
		// tag::reasoning[]
		AssistantMessage message = chatClient.prompt()
			.user("Is 1001 a prime number?")
			.options(MlxLmChatOptions.builder().enableThinking(true))
			.call()
			.chatResponse()
			.getResult()
			.getOutput();
		String answer = message.getText();
		// absent when the model did not reason
		String reasoning = (String) message.getMetadata().get(MlxLmChatModel.REASONING);
		// end::reasoning[]
		return message;
	}

	static String tools(ChatClient chatClient) {
		// tag::tools[]
		String answer = chatClient.prompt()
			.user("What is the weather in Oslo?")
			.tools(new WeatherTools())
			.call()
			.content();
		// end::tools[]
		return answer;
	}

	static String failures(ChatClient chatClient, String question) {
		// tag::failures[]
		try {
			return chatClient.prompt().user(question).call().content();
		}
		catch (MlxLmException ex) {
			// ex.getMessage() names the server's URL and what happened, never the api key
			return switch (ex.reason()) {
				case REFUSED, CONNECT_TIMEOUT -> "The model server is not running.";
				case READ_TIMEOUT -> "The model server is busy, try again later.";
				case INVALID_REQUEST -> "Invalid " + ((MlxLmInvalidRequestException) ex).field();
				default -> "The model server failed: " + ex.reason();
			};
		}
		// end::failures[]
	}

}

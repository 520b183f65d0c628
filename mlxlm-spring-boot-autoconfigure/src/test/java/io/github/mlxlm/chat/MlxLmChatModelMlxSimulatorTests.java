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
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MlxLmChatModel} on the real wire, as the simulator reproduces it: tool round
 * trips, structured output by prompt instructions, reasoning and exact types.
 */
class MlxLmChatModelMlxSimulatorTests {

	private MlxLmSimulator simulator;

	private MlxLmChatModelFactory factory;

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void stop() {
		if (this.factory != null) {
			this.factory.close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private MlxLmChatModel chatModel(MlxLmSimulator.Builder builder) {
		this.simulator = builder.model("mlx-community/Qwen3-4B-Instruct-2507-4bit").start();
		this.factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
		return this.factory.createChatModel(MlxLmChatOptions.builder().maxTokens(2048).topK(40).build());
	}

	private List<JsonNode> chatBodies() {
		return this.simulator.requests()
			.stream()
			.filter((r) -> r.path().equals("/v1/chat/completions"))
			.map(RecordedRequest::bodyAsString)
			.map(this.json::readTree)
			.toList();
	}

	private MlxLmSimulator.Builder toolScripts() {
		// The follow-up carries the tool's result, so its script (added first) wins then.
		return MlxLmSimulator.builder()
			.script("FORECAST sunny", Reply.text("It is sunny in Oslo."))
			.script("weather in Oslo", Reply.toolCall("getWeather", "{\"city\": \"Oslo\"}"));
	}

	private void assertFollowUp(WeatherTools tools) {
		assertThat(tools.calls).containsExactly("Oslo");
		List<JsonNode> bodies = chatBodies();
		assertThat(bodies).hasSize(2);
		JsonNode followUp = bodies.get(1);
		assertThat(MlxLmChatModelWireMockTests.nulls(followUp, "$")).isEmpty();
		JsonNode messages = followUp.get("messages");
		assertThat(messages.get(messages.size() - 2).get("tool_calls").get(0).get("function").get("name").asString())
			.isEqualTo("getWeather");
		assertThat(messages.get(messages.size() - 1).get("role").asString()).isEqualTo("tool");
		assertThat(messages.get(messages.size() - 1).get("tool_call_id").asString())
			.isEqualTo(messages.get(messages.size() - 2).get("tool_calls").get(0).get("id").asString());
	}

	@Test
	void toolRoundTripWorksInCall() {
		MlxLmChatModel chatModel = chatModel(toolScripts());
		WeatherTools tools = new WeatherTools();
		String answer = ChatClient.create(chatModel)
			.prompt("What is the weather in Oslo?")
			.tools(tools)
			.call()
			.content();
		assertThat(answer).isEqualTo("It is sunny in Oslo.");
		assertFollowUp(tools);
	}

	@Test
	void toolRoundTripWorksInStream() {
		MlxLmChatModel chatModel = chatModel(toolScripts());
		WeatherTools tools = new WeatherTools();
		StepVerifier
			.create(ChatClient.create(chatModel)
				.prompt("What is the weather in Oslo?")
				.tools(tools)
				.stream()
				.content()
				.collectList())
			.assertNext((elements) -> {
				assertThat(elements).allSatisfy((element) -> assertThat(element).isNotEmpty());
				assertThat(String.join("", elements)).isEqualTo("It is sunny in Oslo.");
			})
			.verifyComplete();
		assertFollowUp(tools);
	}

	@Test
	void entityWorksAgainstAServerThatAnswersJson() {
		MlxLmChatModel chatModel = chatModel(MlxLmSimulator.builder()
			.script("Forecast for Oslo", Reply.text("{\"city\": \"Oslo\", \"temperature\": 21}")));
		Forecast forecast = ChatClient.create(chatModel).prompt("Forecast for Oslo").call().entity(Forecast.class);
		assertThat(forecast).isEqualTo(new Forecast("Oslo", 21));
		assertThat(chatBodies()).singleElement().satisfies((body) -> assertThat(body.has("response_format")).isFalse());
	}

	@Test
	void streamReasoningArrivesOnceAndApartFromTheAnswer() {
		MlxLmChatModel chatModel = chatModel(
				MlxLmSimulator.builder().script("Think", Reply.reasoning("Let me think about it.", "Done.")));
		List<ChatResponse> responses = new CopyOnWriteArrayList<>();
		StepVerifier.create(chatModel.stream(new Prompt("Think")).doOnNext(responses::add))
			.thenConsumeWhile((r) -> true)
			.verifyComplete();
		String reasoning = responses.stream()
			.map((r) -> (String) r.getResult().getOutput().getMetadata().getOrDefault("reasoning", ""))
			.reduce("", String::concat);
		String text = responses.stream()
			.map((r) -> r.getResult().getOutput().getText())
			.filter((t) -> t != null)
			.reduce("", String::concat);
		assertThat(reasoning).isEqualTo("Let me think about it.");
		assertThat(text).isEqualTo("Done.");
		assertThat(responses.get(responses.size() - 1).getMetadata().getUsage().getTotalTokens()).isPositive();
	}

	@Test
	void callReasoningIsInTheMessageMetadata() {
		MlxLmChatModel chatModel = chatModel(
				MlxLmSimulator.builder().script("Think", Reply.reasoning("Let me think about it.", "Done.")));
		ChatResponse response = chatModel.call(new Prompt("Think"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Done.");
		assertThat(response.getResult().getOutput().getMetadata()).containsEntry("reasoning", "Let me think about it.");
	}

	@Test
	void mlxOnlyOptionsAreAcceptedByTheStrictServer() {
		MlxLmChatModel chatModel = chatModel(MlxLmSimulator.builder());
		ChatResponse response = chatModel.call(new Prompt("Hello",
				MlxLmChatOptions.builder()
					.xtcThreshold(0.0)
					.xtcProbability(0.0)
					.minP(0.0)
					.repetitionContextSize(20)
					.enableThinking(false)
					.seed(1)
					.build()));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(MlxLmSimulator.DEFAULT_REPLY);
		assertThat(chatBodies().get(0).toString()).contains("\"xtc_threshold\":0.0", "\"top_k\":40");
	}

	static final class WeatherTools {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Tool(description = "Get the forecast of a city")
		String getWeather(@ToolParam(description = "city") String city) {
			this.calls.add(city);
			return "FORECAST sunny 21 C in " + city;
		}

	}

	record Forecast(String city, int temperature) {
	}

}

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exact HTTP shapes of {@link MlxLmChatModel}: option merging and types, reasoning,
 * usage, tools, structured output and refusals, against replies shaped like
 * mlx_lm.server's.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmChatModelMlxWireMockTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final List<MlxLmChatModelFactory> factories = new ArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void closeFactories() {
		this.factories.forEach(MlxLmChatModelFactory::close);
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel(MlxLmChatModel.class.getName(), null);
	}

	private MlxLmChatModel chatModel(MlxLmChatOptions defaults) {
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").build())
			.build();
		this.factories.add(factory);
		return factory.createChatModel(defaults);
	}

	private MlxLmChatModel chatModel() {
		return chatModel(MlxLmChatOptions.builder().maxTokens(2048).topK(40).build());
	}

	static String reply(String message, String finishReason) {
		return "{\"id\": \"chatcmpl-1\", \"system_fingerprint\": \"0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s\", "
				+ "\"object\": \"chat.completion\", \"model\": \"default_model\", \"created\": 1766400000, "
				+ "\"choices\": [{\"index\": 0, \"finish_reason\": \"" + finishReason + "\", \"message\": " + message
				+ "}], \"usage\": {\"prompt_tokens\": 14, \"completion_tokens\": 6, \"total_tokens\": 20, "
				+ "\"prompt_tokens_details\": {\"cached_tokens\": 8}}}";
	}

	static String chunk(String delta, String finishReason) {
		return MlxLmChatModelWireMockTests.chunk(delta, finishReason);
	}

	static String usageChunk() {
		return "data: {\"id\": \"chatcmpl-5f0c\", \"system_fingerprint\": \"0.32.0\", \"object\": \"chat.completion\", "
				+ "\"model\": \"default_model\", \"created\": 1766400000, \"choices\": [], \"usage\": {\"prompt_tokens\": 14, "
				+ "\"completion_tokens\": 6, \"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 8}}}\n\n";
	}

	private void stubChat(String body) {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "text/event-stream")
			.withBody(SseReplies.of(body))));
	}

	private void stubStream(String body) {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "text/event-stream")
			.withHeader("Cache-Control", "no-cache")
			.withBody(body)));
	}

	private List<JsonNode> bodies() {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
		return requests.stream().map((request) -> this.json.readTree(request.getBodyAsString())).toList();
	}

	private JsonNode onlyBody() {
		List<JsonNode> bodies = bodies();
		assertThat(bodies).hasSize(1);
		return bodies.get(0);
	}

	private static final String TEXT_REPLY = reply("{\"role\": \"assistant\", \"content\": \"Hi!\"}", "stop");

	@Test
	void directCallMergesRequestOptionsOverDefaults() {
		stubChat(TEXT_REPLY);
		chatModel().call(new Prompt("hi", MlxLmChatOptions.builder().temperature(0.7).build()));
		JsonNode body = onlyBody();
		assertThat(body.get("model").asString()).isEqualTo("default_model");
		assertThat(body.get("top_k").isInt()).isTrue();
		assertThat(body.get("top_k").asInt()).isEqualTo(40);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(2048);
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
	}

	@Test
	void directCallWithPlainSpringAiOptionsKeepsDefaults() {
		stubChat(TEXT_REPLY);
		chatModel().call(new Prompt("hi", OpenAiChatOptions.builder().temperature(0.3).build()));
		JsonNode body = onlyBody();
		assertThat(body.get("top_k").asInt()).isEqualTo(40);
		assertThat(body.get("model").asString()).isEqualTo("default_model");
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
	}

	@Test
	void chatClientMergesRequestOptionsOverDefaults() {
		stubChat(TEXT_REPLY);
		String content = ChatClient.create(chatModel())
			.prompt("hi")
			.options(MlxLmChatOptions.builder().temperature(0.2).minP(0.05))
			.call()
			.content();
		assertThat(content).isEqualTo("Hi!");
		JsonNode body = onlyBody();
		assertThat(body.get("top_k").asInt()).isEqualTo(40);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(2048);
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(body.get("min_p").isDouble()).isTrue();
		assertThat(body.get("model").asString()).isEqualTo("default_model");
	}

	@Test
	void mlxOnlyOptionsGoOnTheWireWithExactJsonTypes() {
		stubChat(TEXT_REPLY);
		chatModel(MlxLmChatOptions.builder()
			.topK(0)
			.minP(0.0)
			.repetitionPenalty(1.0)
			.repetitionContextSize(20)
			.xtcProbability(0.0)
			.xtcThreshold(0.0)
			.seed(7)
			.logitBias(Map.of("1234", -100.0))
			.enableThinking(false)
			.chatTemplateKwargs(Map.of("custom", 1))
			.numDraftTokens(3)
			.build()).call(new Prompt("hi"));
		JsonNode body = onlyBody();
		String raw = body.toString();
		assertThat(raw).contains("\"xtc_threshold\":0.0", "\"xtc_probability\":0.0", "\"min_p\":0.0",
				"\"repetition_penalty\":1.0", "\"top_k\":0", "\"repetition_context_size\":20", "\"seed\":7",
				"\"num_draft_tokens\":3", "\"logit_bias\":{\"1234\":-100.0}");
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").isBoolean()).isTrue();
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").asBoolean()).isFalse();
		assertThat(body.get("chat_template_kwargs").get("custom").isInt()).isTrue();
		assertThat(MlxLmChatModelWireMockTests.nulls(body, "$")).isEmpty();
	}

	@Test
	void unsetOptionsAreNotSent() {
		stubChat(TEXT_REPLY);
		chatModel(MlxLmChatOptions.builder().build()).call(new Prompt("hi"));
		JsonNode body = onlyBody();
		assertThat(body.has("top_k")).isFalse();
		assertThat(body.has("temperature")).isFalse();
		assertThat(body.has("max_tokens")).isFalse();
		assertThat(body.has("chat_template_kwargs")).isFalse();
	}

	@Test
	void responseFormatIsRefusedAndNeverSent() {
		stubChat(TEXT_REPLY);
		OpenAiChatModel.ResponseFormat format = new OpenAiChatModel.ResponseFormat();
		format.setType(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT);
		assertThatThrownBy(
				() -> chatModel().call(new Prompt("hi", OpenAiChatOptions.builder().responseFormat(format).build())))
			.isInstanceOf(MlxLmException.class)
			.hasMessageContaining("does not support response_format")
			.hasMessageContaining("entity(");
		assertThat(bodies()).isEmpty();
	}

	@Test
	void outputSchemaIsRefusedAndNeverSentInStreams() {
		stubChat(TEXT_REPLY);
		StepVerifier.create(chatModel().stream(new Prompt("hi", MlxLmChatOptions.builder().outputSchema("{}").build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmException.class)
				.hasMessageContaining("does not support response_format"))
			.verify();
		assertThat(bodies()).isEmpty();
	}

	@Test
	void imageMediaIsRefusedBeforeAnyRequest() {
		stubChat(TEXT_REPLY);
		UserMessage message = UserMessage.builder()
			.text("What is this?")
			.media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] { 1, 2, 3 })))
			.build();
		assertThatThrownBy(() -> chatModel().call(new Prompt(message))).isInstanceOf(MlxLmException.class)
			.hasMessageContaining("supports only text")
			.hasMessageContaining("image/png");
		assertThat(bodies()).isEmpty();
	}

	@Test
	void callSurfacesReasoningUsageWithCachedTokensAndFinishReason() {
		stubChat(reply("{\"role\": \"assistant\", \"content\": \"42\", \"reasoning\": \"Let me think.\"}", "stop"));
		ChatResponse response = chatModel().call(new Prompt("hi"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("42");
		assertThat(response.getResult().getOutput().getMetadata()).containsEntry("reasoning", "Let me think.")
			.containsEntry("reasoningContent", "Let me think.");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(20);
		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isEqualTo(8L);
	}

	@Test
	void callWithoutReasoningShowsNoReasoningEntry() {
		stubChat(TEXT_REPLY);
		ChatResponse response = chatModel().call(new Prompt("hi"));
		assertThat(response.getResult().getOutput().getMetadata()).doesNotContainKeys("reasoning", "reasoningContent");
	}

	private static final String REASONING_STREAM = ": keepalive 0/14\n\n"
			+ chunk("{\"role\": \"assistant\", \"content\": \"\", \"reasoning\": \"Let \"}", "null")
			+ chunk("{\"role\": \"assistant\", \"content\": \"\", \"reasoning\": \"me think.\"}", "null")
			+ chunk("{\"role\": \"assistant\", \"content\": \"42\"}", "null")
			+ chunk("{\"role\": \"assistant\"}", "\"stop\"") + usageChunk() + "data: [DONE]\n\n";

	@Test
	void streamGivesEachChunksOwnReasoningAndKeepsCumulativeReasoningContent() {
		stubStream(REASONING_STREAM);
		List<ChatResponse> responses = new CopyOnWriteArrayList<>();
		StepVerifier.create(chatModel().stream(new Prompt("hi")).doOnNext(responses::add))
			.expectNextCount(4)
			.verifyComplete();
		assertThat(responses.get(0).getResult().getOutput().getMetadata()).containsEntry("reasoning", "Let ")
			.containsEntry("reasoningContent", "Let ");
		assertThat(responses.get(1).getResult().getOutput().getMetadata()).containsEntry("reasoning", "me think.")
			.containsEntry("reasoningContent", "Let me think.");
		assertThat(responses.get(2).getResult().getOutput().getMetadata()).doesNotContainKey("reasoning");
		assertThat(responses.get(2).getResult().getOutput().getText()).isEqualTo("42");
	}

	@Test
	void streamPutsUsageAndFinishReasonOnItsLastResponse() {
		stubStream(REASONING_STREAM);
		StepVerifier.create(chatModel().stream(new Prompt("hi")).last()).assertNext((last) -> {
			assertThat(last.getResult()).isNotNull();
			assertThat(last.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
			assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(14);
			assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(6);
			assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(20);
			assertThat(last.getMetadata().getUsage().getCacheReadInputTokens()).isEqualTo(8L);
		}).verifyComplete();
	}

	@Test
	void streamNeverEmitsAResponseWithoutResult() {
		stubStream(REASONING_STREAM);
		StepVerifier.create(chatModel().stream(new Prompt("hi")).filter((r) -> r.getResults().isEmpty()))
			.verifyComplete();
	}

	@Test
	void chatClientStreamContentHasNoEmptyOrNullElement() {
		stubStream(REASONING_STREAM);
		StepVerifier.create(ChatClient.create(chatModel()).prompt("hi").stream().content().collectList())
			.assertNext((elements) -> assertThat(elements).containsExactly("42"))
			.verifyComplete();
	}

	@Test
	void streamFailsWithTheRealErrorNotACompletionException() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
			.withHeader("Content-type", "application/json")
			.withBody("{\"error\": \"Model not found\"}")));
		StepVerifier.create(chatModel().stream(new Prompt("hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isNotInstanceOf(java.util.concurrent.CompletionException.class)
				.hasMessageContaining("404"))
			.verify();
	}

	@Test
	void lengthFinishIsLoggedAtDebugWithMaxTokens(CapturedOutput output) {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel(MlxLmChatModel.class.getName(), LogLevel.DEBUG);
		stubChat(reply("{\"role\": \"assistant\", \"content\": \"cut\"}", "length"));
		chatModel().call(new Prompt("hi"));
		assertThat(output).contains("max-tokens (2048)", "finish_reason=length");
	}

	private static final String TOOL_CALL_MESSAGE = "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"function\": "
			+ "{\"name\": \"getWeather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}, \"type\": \"function\", "
			+ "\"id\": \"0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d\"}]}";

	private void stubToolRoundTrip(String first, String second, String contentType) {
		server.stubFor(post("/v1/chat/completions").inScenario("tools")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(200).withHeader("Content-type", contentType).withBody(first))
			.willSetStateTo("answered"));
		server.stubFor(post("/v1/chat/completions").inScenario("tools")
			.whenScenarioStateIs("answered")
			.willReturn(aResponse().withStatus(200).withHeader("Content-type", contentType).withBody(second)));
	}

	private void assertFollowUp(WeatherTools tools) {
		assertThat(tools.calls).containsExactly("Oslo");
		List<JsonNode> bodies = bodies();
		assertThat(bodies).hasSize(2);
		JsonNode followUp = bodies.get(1);
		assertThat(MlxLmChatModelWireMockTests.nulls(followUp, "$")).isEmpty();
		JsonNode messages = followUp.get("messages");
		JsonNode assistant = messages.get(messages.size() - 2);
		JsonNode tool = messages.get(messages.size() - 1);
		assertThat(assistant.get("role").asString()).isEqualTo("assistant");
		assertThat(assistant.get("tool_calls").get(0).get("id").asString())
			.isEqualTo("0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d");
		assertThat(assistant.get("tool_calls").get(0).get("function").get("arguments").isString()).isTrue();
		assertThat(tool.get("role").asString()).isEqualTo("tool");
		assertThat(tool.get("tool_call_id").asString()).isEqualTo("0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d");
		assertThat(tool.get("content").asString()).contains("Sunny");
		assertThat(followUp.get("top_k").asInt()).isEqualTo(40);
	}

	@Test
	void toolRoundTripWorksInCall() {
		stubToolRoundTrip(SseReplies.of(reply(TOOL_CALL_MESSAGE, "tool_calls")),
				SseReplies.of(reply("{\"role\": \"assistant\", \"content\": \"It is sunny in Oslo.\"}", "stop")),
				"text/event-stream");
		WeatherTools tools = new WeatherTools();
		String answer = ChatClient.create(chatModel()).prompt("Weather in Oslo?").tools(tools).call().content();
		assertThat(answer).isEqualTo("It is sunny in Oslo.");
		assertFollowUp(tools);
		assertThat(bodies().get(0).get("tools").get(0).get("function").get("name").asString()).isEqualTo("getWeather");
	}

	@Test
	void toolRoundTripWorksInStream() {
		String toolStream = chunk("{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"index\": 0, "
				+ "\"function\": {\"name\": \"getWeather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}, "
				+ "\"type\": \"function\", \"id\": \"0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d\"}]}", "null")
				+ chunk("{\"role\": \"assistant\"}", "\"tool_calls\"") + usageChunk() + "data: [DONE]\n\n";
		String answerStream = chunk("{\"role\": \"assistant\", \"content\": \"Sunny.\"}", "null")
				+ chunk("{\"role\": \"assistant\"}", "\"stop\"") + usageChunk() + "data: [DONE]\n\n";
		stubToolRoundTrip(toolStream, answerStream, "text/event-stream");
		WeatherTools tools = new WeatherTools();
		StepVerifier.create(
				ChatClient.create(chatModel()).prompt("Weather in Oslo?").tools(tools).stream().content().collectList())
			.assertNext((elements) -> assertThat(String.join("", elements)).isEqualTo("Sunny."))
			.verifyComplete();
		assertFollowUp(tools);
	}

	@Test
	void entityWorksThroughPromptInstructionsWithoutResponseFormat() {
		stubChat(reply(
				"{\"role\": \"assistant\", \"content\": \"{\\\"city\\\": \\\"Oslo\\\", \\\"temperature\\\": 21}\"}",
				"stop"));
		Forecast forecast = ChatClient.create(chatModel()).prompt("Forecast for Oslo").call().entity(Forecast.class);
		assertThat(forecast).isEqualTo(new Forecast("Oslo", 21));
		JsonNode body = onlyBody();
		assertThat(body.has("response_format")).isFalse();
		assertThat(body.toString()).contains("JSON");
	}

	// Tools

	static final class WeatherTools {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Tool(description = "Get the weather of a city")
		String getWeather(@ToolParam(description = "city") String city) {
			this.calls.add(city);
			return "Sunny, 21 C in " + city;
		}

	}

	// Structured output

	record Forecast(String city, int temperature) {
	}

}

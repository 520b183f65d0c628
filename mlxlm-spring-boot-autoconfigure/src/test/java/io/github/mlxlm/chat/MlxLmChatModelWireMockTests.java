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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exact HTTP shapes of the chat model against replies shaped like mlx_lm.server's.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmChatModelWireMockTests {

	static final String SECRET = "sk-sentinel-5f0c2a4e";

	static final String CHAT_REPLY = "{\"id\": \"chatcmpl-5f0c2a4e-8a47-4c1e-9a8e-1d2f3b4c5d6e\", "
			+ "\"system_fingerprint\": \"0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s\", "
			+ "\"object\": \"chat.completion\", \"model\": \"default_model\", \"created\": 1766400000, "
			+ "\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", "
			+ "\"content\": \"This is a test!\"}}], \"usage\": {\"prompt_tokens\": 14, \"completion_tokens\": 6, "
			+ "\"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";

	static final String STREAM_REPLY = ": keepalive 0/14\n\n: keepalive 14/14\n\n"
			+ chunk("{\"role\": \"assistant\", \"content\": \"This\"}", "null")
			+ chunk("{\"role\": \"assistant\", \"content\": \" is a test!\"}", "null")
			+ chunk("{\"role\": \"assistant\"}", "\"stop\"")
			+ "data: {\"id\": \"chatcmpl-5f0c\", \"system_fingerprint\": \"0.32.0\", \"object\": \"chat.completion\", "
			+ "\"model\": \"default_model\", \"created\": 1766400000, \"choices\": [], \"usage\": {\"prompt_tokens\": 14, "
			+ "\"completion_tokens\": 6, \"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}\n\n"
			+ "data: [DONE]\n\n";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final List<MlxLmChatModelFactory> factories = new ArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	static String chunk(String delta, String finishReason) {
		return "data: {\"id\": \"chatcmpl-5f0c\", \"system_fingerprint\": \"0.32.0\", \"object\": \"chat.completion.chunk\", "
				+ "\"model\": \"default_model\", \"created\": 1766400000, \"choices\": [{\"index\": 0, \"finish_reason\": "
				+ finishReason + ", \"delta\": " + delta + "}]}\n\n";
	}

	@AfterEach
	void closeFactories() {
		this.factories.forEach(MlxLmChatModelFactory::close);
	}

	private MlxLmChatModel chatModel(String model, String apiKey) {
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").model(model).apiKey(apiKey).build())
			.build();
		this.factories.add(factory);
		return factory.create();
	}

	private MlxLmChatModel chatModel() {
		return chatModel(null, null);
	}

	private void stubChat(String body) {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "text/event-stream")
			.withBody(SseReplies.of(body))));
	}

	private void stubStream() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "text/event-stream")
			.withHeader("Cache-Control", "no-cache")
			.withBody(STREAM_REPLY)));
	}

	private LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	@Test
	void callAnswersTheServersContentUsageAndFinishReason() {
		stubChat(CHAT_REPLY);
		ChatResponse response = chatModel().call(new Prompt("Say this is a test"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("This is a test!");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualToIgnoringCase("stop");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(14);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(6);
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(20);
	}

	@Test
	void callSendsDefaultModelWhenNoModelIsConfigured() {
		stubChat(CHAT_REPLY);
		chatModel().call(new Prompt("hi"));
		assertThat(body(onlyRequest()).get("model").asString()).isEqualTo("default_model");
	}

	@Test
	void callSendsTheConfiguredModelExactlyAsWritten() {
		stubChat(CHAT_REPLY);
		chatModel("mlx-community/Qwen3-4B-Instruct-2507-4bit", null).call(new Prompt("hi"));
		assertThat(body(onlyRequest()).get("model").asString()).isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit");
	}

	@Test
	void callSendsContentLengthAndNoChunkedBody() {
		stubChat(CHAT_REPLY);
		chatModel().call(new Prompt("hi"));
		LoggedRequest request = onlyRequest();
		assertThat(request.containsHeader("Content-Length")).isTrue();
		assertThat(Integer.parseInt(request.getHeader("Content-Length"))).isEqualTo(request.getBody().length);
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
	}

	@Test
	void callSendsNoJsonNull() {
		stubChat(CHAT_REPLY);
		chatModel().call(new Prompt("hi"));
		assertThat(nulls(body(onlyRequest()), "$")).isEmpty();
	}

	@Test
	void streamSendsNoJsonNullAndAsksForUsage() {
		stubStream();
		StepVerifier.create(chatModel().stream(new Prompt("hi")).then()).verifyComplete();
		JsonNode body = body(onlyRequest());
		assertThat(nulls(body, "$")).isEmpty();
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
	}

	@Test
	void callSendsNoAuthorizationHeaderWithoutApiKey() {
		stubChat(CHAT_REPLY);
		chatModel().call(new Prompt("hi"));
		assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
	}

	@Test
	void callSendsBearerTokenWhenApiKeyIsSet() {
		stubChat(CHAT_REPLY);
		chatModel(null, SECRET).call(new Prompt("hi"));
		assertThat(onlyRequest().getHeader("Authorization")).isEqualTo("Bearer " + SECRET);
	}

	@Test
	void streamSkipsKeepAliveCommentsAndEndsAtDone() {
		stubStream();
		StepVerifier
			.create(chatModel().stream(new Prompt("hi"))
				.filter((response) -> response.getResult() != null)
				.map((response) -> response.getResult().getOutput().getText())
				.filter((text) -> text != null && !text.isEmpty()))
			.expectNext("This", " is a test!")
			.verifyComplete();
	}

	@Test
	void streamCarriesUsageFromTheUsageChunk() {
		stubStream();
		StepVerifier
			.create(chatModel().stream(new Prompt("hi"))
				.map((response) -> response.getMetadata().getUsage().getTotalTokens())
				.filter((total) -> total != null && total > 0))
			.expectNext(20)
			.verifyComplete();
	}

	@Test
	void failedCallIsNotRetried() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)
			.withHeader("Content-type", "application/json")
			.withBody("{\"error\": \"boom\"}")));
		assertThatThrownBy(() -> chatModel().call(new Prompt("hi"))).isInstanceOf(RuntimeException.class);
		onlyRequest();
	}

	@Test
	void apiKeyAppearsInNoExceptionOrLogLine(CapturedOutput output) {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
			.withHeader("Content-type", "application/json")
			.withBody("{\"error\": \"Model not found\"}")));
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").apiKey(SECRET).build())
			.build();
		this.factories.add(factory);
		Throwable failure = org.assertj.core.api.Assertions
			.catchThrowable(() -> factory.create().call(new Prompt("hi")));
		assertThat(failure).isNotNull();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
		}
		assertThat(factory.toString()).doesNotContain(SECRET);
		assertThat(factory.getApi().toString()).doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
	}

	private JsonNode body(LoggedRequest request) {
		return this.json.readTree(request.getBodyAsString());
	}

	static List<String> nulls(JsonNode node, String path) {
		List<String> found = new ArrayList<>();
		if (node.isNull()) {
			found.add(path);
		}
		else if (node.isObject()) {
			node.properties().forEach((entry) -> found.addAll(nulls(entry.getValue(), path + "." + entry.getKey())));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				found.addAll(nulls(node.get(i), path + "[" + i + "]"));
			}
		}
		return found;
	}

}

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

package io.github.mlxlm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/* The contenders, by name. */
final class Contenders {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String RAW = "raw JDK HttpClient + Jackson";

	static final String MLXLM = "starter: MlxLmChatModel (own WebClient)";

	static final String SPRING_AI = "Spring AI OpenAiChatModel by hand (openai-java + OkHttp)";

	static final String LANGCHAIN4J = "LangChain4j OpenAiChatModel 1.19.0";

	static final String RAW_STREAMED = "raw, streamed request aggregated";

	static final String WIRE = "starter wire, non-streaming (`MlxLmApi.chat`)";

	static final String WIRE_STREAMED = "starter wire, streamed + collected (`MlxLmApi.chatStream`)";

	/* The contenders of every section. */
	static final List<String> KEYS = List.of("raw", "mlxlm", "springai", "langchain4j");

	/*
	 * JMH parameter values of the call-latency section: the contenders, then what a call
	 * costs as a streamed request against a non-streaming one (the raw floor of both, and
	 * our wire of both).
	 */
	static final List<String> CALL_KEYS = List.of("raw", "mlxlm", "springai", "langchain4j", "rawstream", "wire",
			"wirestream");

	private Contenders() {
	}

	static String label(String key) {
		return switch (key) {
			case "raw" -> RAW;
			case "mlxlm" -> MLXLM;
			case "springai" -> SPRING_AI;
			case "langchain4j" -> LANGCHAIN4J;
			case "rawstream" -> RAW_STREAMED;
			case "wire" -> WIRE;
			case "wirestream" -> WIRE_STREAMED;
			default -> throw new IllegalArgumentException(key);
		};
	}

	static Contender create(String key, String baseUrl) {
		return switch (key) {
			case "raw" -> new Raw(baseUrl, false);
			case "rawstream" -> new Raw(baseUrl, true);
			case "mlxlm" -> mlxlm(baseUrl);
			case "springai" -> springAi(baseUrl);
			case "langchain4j" -> new LangChain4j(baseUrl);
			case "wire" -> new Wire(baseUrl, false);
			case "wirestream" -> new Wire(baseUrl, true);
			default -> throw new IllegalArgumentException(key);
		};
	}

	/*
	 * The starter's chat model, as its bean is made: {@code
	 * MlxLmChatModelFactory...create()}.
	 */
	private static Contender mlxlm(String baseUrl) {
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(baseUrl).model(MODEL).build())
			.build();
		MlxLmChatModel model = factory.create();
		return new ViaChatModel(MLXLM, model, factory);
	}

	/*
	 * What an application does without the starter: Spring AI's OpenAiChatModel
	 * (openai-java SDK, OkHttp) configured by hand, as Spring AI's reference
	 * documentation shows. Before the transport rewrite the starter itself ran on this
	 * class; that path no longer exists.
	 */
	private static Contender springAi(String baseUrl) {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl(baseUrl).apiKey("").model(MODEL).build())
			.build();
		return new ViaChatModel(SPRING_AI, model, null);
	}

	static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// best effort
		}
	}

	/**
	 * The physical floor: one HTTP/1.1 request with the JDK client, the answer parsed
	 * with Jackson.
	 */
	static final class Raw implements Contender {

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final ObjectMapper json = JsonMapper.builder().build();

		private final URI uri;

		private final boolean streamedCall;

		Raw(String baseUrl, boolean streamedCall) {
			this.uri = URI.create(baseUrl + "/chat/completions");
			this.streamedCall = streamedCall;
		}

		@Override
		public String name() {
			return this.streamedCall ? RAW_STREAMED : RAW;
		}

		private HttpRequest request(String prompt, int maxTokens, boolean stream) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("model", MODEL);
			body.put("messages", List.of(Map.of("role", "user", "content", prompt)));
			body.put("max_tokens", maxTokens);
			if (stream) {
				body.put("stream", true);
			}
			return HttpRequest.newBuilder(this.uri)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
				.build();
		}

		@Override
		public String call(String prompt, int maxTokens) throws Exception {
			if (this.streamedCall) {
				return streamedCall(prompt, maxTokens);
			}
			HttpResponse<byte[]> response = this.http.send(request(prompt, maxTokens, false),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode());
			}
			JsonNode root = this.json.readTree(response.body());
			return root.path("choices").path(0).path("message").path("content").asString();
		}

		/*
		 * The same call as a streamed request, its deltas joined on the caller's thread.
		 */
		private String streamedCall(String prompt, int maxTokens) throws Exception {
			HttpResponse<java.util.stream.Stream<String>> response = this.http.send(request(prompt, maxTokens, true),
					HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode());
			}
			StringBuilder text = new StringBuilder();
			try (java.util.stream.Stream<String> lines = response.body()) {
				lines.forEach((line) -> {
					if (line.startsWith("data: ") && !line.startsWith("data: [DONE]")) {
						JsonNode content = this.json.readTree(line.substring(6))
							.path("choices")
							.path(0)
							.path("delta")
							.path("content");
						if (content.isString()) {
							text.append(content.asString());
						}
					}
				});
			}
			return text.toString();
		}

		@Override
		public void stream(String prompt, int maxTokens, StreamListener listener) {
			Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscription.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(String line) {
					if (!line.startsWith("data: ") || line.startsWith("data: [DONE]")) {
						return;
					}
					JsonNode content = Raw.this.json.readTree(line.substring(6))
						.path("choices")
						.path(0)
						.path("delta")
						.path("content");
					if (content.isString() && !content.asString().isEmpty()) {
						listener.chunk(content.asString());
					}
				}

				@Override
				public void onError(Throwable throwable) {
					listener.error(throwable);
				}

				@Override
				public void onComplete() {
					listener.done();
				}
			};
			this.http.sendAsync(request(prompt, maxTokens, true), HttpResponse.BodyHandlers.fromLineSubscriber(lines))
				.whenComplete((response, error) -> {
					if (error != null) {
						listener.error(error);
					}
				});
		}

		@Override
		public void close() {
			// HttpClient is closeable only from JDK 21; its threads are daemons.
		}

	}

	/**
	 * Spring AI's ChatModel interface: what the starter's bean is, whatever its class.
	 */
	static final class ViaChatModel implements Contender {

		private final String name;

		private final ChatModel model;

		private final AutoCloseable owner;

		ViaChatModel(String name, ChatModel model, AutoCloseable owner) {
			this.name = name;
			this.model = model;
			this.owner = owner;
		}

		@Override
		public String name() {
			return this.name;
		}

		/*
		 * Per-call options derived from the model's defaults: Spring AI 2.0.1's
		 * OpenAiChatModel rejects a generic {@code ChatOptions.builder()} instance
		 * (ClassCastException).
		 */
		private Prompt prompt(String prompt, int maxTokens) {
			return new Prompt(prompt, this.model.getDefaultOptions().mutate().maxTokens(maxTokens).build());
		}

		@Override
		public String call(String prompt, int maxTokens) {
			return this.model.call(this.prompt(prompt, maxTokens)).getResult().getOutput().getText();
		}

		@Override
		public void stream(String prompt, int maxTokens, StreamListener listener) {
			this.model.stream(this.prompt(prompt, maxTokens)).subscribe((response) -> {
				if (response.getResult() != null) {
					String text = response.getResult().getOutput().getText();
					if (text != null && !text.isEmpty()) {
						listener.chunk(text);
					}
				}
			}, listener::error, listener::done);
		}

		@Override
		public void close() {
			closeQuietly(this.owner);
		}

	}

	/**
	 * The starter's wire without the chat model: {@code MlxLmApi.chat} (one non-streaming
	 * request) or {@code MlxLmApi.chatStream} collected, to separate what streaming costs
	 * a call from what the chat model's layers (options, observation, aggregation) cost.
	 */
	static final class Wire implements Contender {

		private final MlxLmChatModelFactory factory;

		private final MlxLmApi api;

		private final boolean streamedCall;

		Wire(String baseUrl, boolean streamedCall) {
			this.factory = MlxLmChatModelFactory.builder()
				.client(MlxLmClient.builder().baseUrl(baseUrl).model(MODEL).build())
				.build();
			this.api = this.factory.getApi();
			this.streamedCall = streamedCall;
		}

		@Override
		public String name() {
			return this.streamedCall ? WIRE_STREAMED : WIRE;
		}

		private static MlxLmApi.ChatRequest request(String prompt, int maxTokens) {
			return new MlxLmApi.ChatRequest(MODEL,
					List.of(new MlxLmApi.Message("user", prompt, null, null, null, null)), maxTokens, null, null, null,
					null, null, null, null, null, null, Map.of());
		}

		private static String content(MlxLmApi.Completion completion, boolean delta) {
			if (completion.choices() == null || completion.choices().isEmpty()) {
				return "";
			}
			MlxLmApi.Message message = delta ? completion.choices().get(0).delta()
					: completion.choices().get(0).message();
			return (message == null || message.content() == null) ? "" : message.content();
		}

		@Override
		public String call(String prompt, int maxTokens) {
			if (this.streamedCall) {
				return this.api.chatStream(request(prompt, maxTokens), null)
					.map((chunk) -> content(chunk, true))
					.collect(java.util.stream.Collectors.joining())
					.block();
			}
			return content(this.api.chat(request(prompt, maxTokens), null).block(), false);
		}

		@Override
		public void stream(String prompt, int maxTokens, StreamListener listener) {
			this.api.chatStream(request(prompt, maxTokens), null).subscribe((chunk) -> {
				String text = content(chunk, true);
				if (!text.isEmpty()) {
					listener.chunk(text);
				}
			}, listener::error, listener::done);
		}

		@Override
		public void close() {
			this.factory.close();
		}

	}

	/** LangChain4j's OpenAI module with its defaults (JDK HttpClient underneath). */
	static final class LangChain4j implements Contender {

		private final dev.langchain4j.model.openai.OpenAiChatModel model;

		private final dev.langchain4j.model.openai.OpenAiStreamingChatModel streaming;

		LangChain4j(String baseUrl) {
			// LangChain4j requires a key; mlx_lm.server ignores the Authorization header.
			this.model = dev.langchain4j.model.openai.OpenAiChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("none")
				.modelName(MODEL)
				.maxRetries(0)
				.build();
			this.streaming = dev.langchain4j.model.openai.OpenAiStreamingChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("none")
				.modelName(MODEL)
				.build();
		}

		@Override
		public String name() {
			return LANGCHAIN4J;
		}

		private static ChatRequest request(String prompt, int maxTokens) {
			return ChatRequest.builder().messages(UserMessage.from(prompt)).maxOutputTokens(maxTokens).build();
		}

		@Override
		public String call(String prompt, int maxTokens) {
			return this.model.chat(request(prompt, maxTokens)).aiMessage().text();
		}

		@Override
		public void stream(String prompt, int maxTokens, StreamListener listener) {
			this.streaming.chat(request(prompt, maxTokens), new StreamingChatResponseHandler() {
				@Override
				public void onPartialResponse(String text) {
					if (text != null && !text.isEmpty()) {
						listener.chunk(text);
					}
				}

				@Override
				public void onCompleteResponse(ChatResponse response) {
					listener.done();
				}

				@Override
				public void onError(Throwable error) {
					listener.error(error);
				}
			});
		}

		@Override
		public void close() {
		}

	}

}

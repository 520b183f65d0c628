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
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** The contenders, by name. */
final class Contenders {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String RAW = "raw JDK HttpClient + Jackson";

	static final String MLXLM = "mlxlm ChatModel (the starter's bean)";

	static final String CHAT_CLIENT = "mlxlm + ChatClient";

	static final String SPRING_AI = "Spring AI OpenAiChatModel (by hand)";

	static final String LANGCHAIN4J = "LangChain4j OpenAiChatModel 1.19.0";

	/** JMH parameter values and child-process arguments. */
	static final List<String> KEYS = List.of("raw", "mlxlm", "chatclient", "springai", "langchain4j");

	private Contenders() {
	}

	static String label(String key) {
		return switch (key) {
			case "raw" -> RAW;
			case "mlxlm" -> MLXLM;
			case "chatclient" -> CHAT_CLIENT;
			case "springai" -> SPRING_AI;
			case "langchain4j" -> LANGCHAIN4J;
			default -> throw new IllegalArgumentException(key);
		};
	}

	static Contender create(String key, String baseUrl) {
		return switch (key) {
			case "raw" -> new Raw(baseUrl);
			case "mlxlm" -> mlxlm(baseUrl, false);
			case "chatclient" -> mlxlm(baseUrl, true);
			case "springai" -> springAi(baseUrl);
			case "langchain4j" -> new LangChain4j(baseUrl);
			default -> throw new IllegalArgumentException(key);
		};
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

		Raw(String baseUrl) {
			this.uri = URI.create(baseUrl + "/chat/completions");
		}

		@Override
		public String name() {
			return RAW;
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
			HttpResponse<byte[]> response = this.http.send(request(prompt, maxTokens, false),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode());
			}
			JsonNode root = this.json.readTree(response.body());
			return root.path("choices").path(0).path("message").path("content").asString();
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

	private static Contender mlxlm(String baseUrl, boolean chatClient) {
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder().baseUrl(baseUrl).model(MODEL).build();
		// The same type and defaults as the starter's ChatModel bean.
		ChatModel model = factory.createChatModel(MlxLmChatOptions.builder().build());
		return chatClient ? new ViaChatClient(CHAT_CLIENT, model, factory) : new ViaChatModel(MLXLM, model, factory);
	}

	/** As Spring AI's reference documentation configures OpenAiChatModel by hand. */
	private static Contender springAi(String baseUrl) {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder().baseUrl(baseUrl).apiKey("").model(MODEL).build())
			.build();
		return new ViaChatModel(SPRING_AI, model, null);
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

		/**
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

	/** ChatClient over our chat model. */
	static final class ViaChatClient implements Contender {

		private final String name;

		private final ChatClient client;

		private final ChatModel model;

		private final AutoCloseable owner;

		ViaChatClient(String name, ChatModel model, AutoCloseable owner) {
			this.name = name;
			this.model = model;
			this.client = ChatClient.create(model);
			this.owner = owner;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public String call(String prompt, int maxTokens) {
			return this.client.prompt()
				.user(prompt)
				.options(this.model.getDefaultOptions().mutate().maxTokens(maxTokens))
				.call()
				.content();
		}

		@Override
		public void stream(String prompt, int maxTokens, StreamListener listener) {
			this.client.prompt()
				.user(prompt)
				.options(this.model.getDefaultOptions().mutate().maxTokens(maxTokens))
				.stream()
				.content()
				.subscribe((text) -> {
					if (text != null && !text.isEmpty()) {
						listener.chunk(text);
					}
				}, listener::error, listener::done);
		}

		@Override
		public void close() {
			closeQuietly(this.owner);
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

}

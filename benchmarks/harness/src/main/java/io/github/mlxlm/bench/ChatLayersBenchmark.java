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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The chat model's own layers, without a network: {@code MlxLmChatModel.call} and the
 * same streamed request collected on its wire ({@code MlxLmApi.chatStream}), both on one
 * wire whose exchange answers in memory with the simulator's recorded reply to the short
 * prompt (16 tokens). The difference is what the chat model adds: options merged and
 * checked, the request built, observation, aggregation into one {@code ChatResponse}.
 *
 * @author mlxlm developers
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChatLayersBenchmark {

	private MlxLmChatModelFactory factory;

	private MlxLmChatModel chatModel;

	private MlxLmApi api;

	private String reply;

	private final Prompt prompt = new Prompt(Workload.SHORT_PROMPT);

	private final MlxLmApi.ChatRequest request = new MlxLmApi.ChatRequest(Contenders.MODEL,
			List.of(new MlxLmApi.Message("user", Workload.SHORT_PROMPT, null, null, null, null)),
			Workload.SHORT_MAX_TOKENS, null, null, null, null, null, null, null, null, null, Map.of());

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		try (MlxLmSimulator simulator = Workload.startSimulator()) {
			String body = "{\"model\":\"" + Contenders.MODEL + "\",\"stream\":true,\"max_tokens\":"
					+ Workload.SHORT_MAX_TOKENS + ",\"stream_options\":{\"include_usage\":true},"
					+ "\"messages\":[{\"role\":\"user\",\"content\":\"" + Workload.SHORT_PROMPT + "\"}]}";
			this.reply = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		this.api = new MlxLmApi(MlxLmConnection.of("http://localhost/v1"),
				() -> WebClient.builder().exchangeFunction(this::answer));
		this.factory = MlxLmChatModelFactory.builder().client(new MlxLmClient(this.api)).build();
		this.chatModel = this.factory.create(Contenders.MODEL);
	}

	private Mono<ClientResponse> answer(ClientRequest request) {
		if (request.method() == HttpMethod.GET) {
			// The model listing, which the chat model reads once (then caches).
			return Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body("{\"object\":\"list\",\"data\":[{\"id\":\"" + Contenders.MODEL
						+ "\",\"object\":\"model\",\"created\":0}]}")
				.build());
		}
		return Mono.just(ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, "text/event-stream")
			.body(this.reply)
			.build());
	}

	private static String content(MlxLmApi.Completion chunk) {
		if (chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0).delta() == null) {
			return "";
		}
		String content = chunk.choices().get(0).delta().content();
		return (content != null) ? content : "";
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.factory.close();
	}

	@Benchmark
	public String chatModelCall() {
		return this.chatModel.call(this.prompt).getResult().getOutput().getText();
	}

	@Benchmark
	public String wireStreamCollected() {
		return this.api.chatStream(this.request, null)
			.map(ChatLayersBenchmark::content)
			.collect(Collectors.joining())
			.block();
	}

}

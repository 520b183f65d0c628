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

package io.github.mlxlm.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmInvalidRequestException;
import io.github.mlxlm.api.MlxLmServerIdentity;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmCompletionOptions;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The conformance ring: what {@code docs/wire-contract.md} and {@code docs/failures.md}
 * promise, checked through the starter's public API (client, chat model call and stream,
 * tools, reasoning, usage and cached tokens, health and the generation probe,
 * cancellation, a cut stream, invalid values) against a server.
 * <p>
 * Targets: the server at {@code -Dconformance.base-url} alone (a user's Mac:
 * {@code ./mvnw -B verify -Pconformance -Dconformance.base-url=http://localhost:8080/v1});
 * otherwise the simulator (a conforming server) and every release of the real-server kit,
 * when the build was given one. Checks that need a scripted model (exact text, tools,
 * reasoning) or control of the process (a cut stream) run where the target has them and
 * are skipped, saying why, elsewhere. A report of each target (the mlx-lm version from
 * {@code system_fingerprint}, and each check) is written to
 * {@code target/conformance-report.md}.
 *
 * @author mlxlm developers
 */
class MlxLmConformanceTests {

	static final String HELLO = "[[peer:hello]]";

	static final String HELLO_ANSWER = "Hello! I am a tiny random model.";

	static final String UNICODE = "[[peer:unicode]]";

	static final String UNICODE_ANSWER = "Grüße — 日本語 🙂 “quotes” \\ \"escaped\"\n\ttab";

	static final String TOOL_CALL = "[[peer:tool_call]]";

	static final String THINK = "[[peer:think]]";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Map<String, Map<String, String>> report = new LinkedHashMap<>();

	@TestFactory
	Stream<DynamicNode> conformance() {
		List<TargetSpec> targets = targets();
		return targets.stream().map((spec) -> {
			Holder holder = new Holder(spec);
			List<DynamicNode> checks = new ArrayList<>();
			check(checks, holder, "health answers and the generation probe passes", this::health);
			check(checks, holder, "the model listing names the model", this::models);
			check(checks, holder, "a chat call answers with finish reason and usage", this::chatCall);
			check(checks, holder, "a chat stream is the call's answer in chunks, then its end", this::chatStream);
			check(checks, holder, "a repeated prompt reports cached tokens", this::cachedTokens);
			check(checks, holder, "unicode and escapes arrive as written", this::unicode);
			check(checks, holder, "a tool call becomes a Spring AI tool call", this::tools);
			check(checks, holder, "reasoning arrives apart from the answer", this::reasoning);
			check(checks, holder, "a text completion answers", this::textCompletion);
			check(checks, holder, "an invalid value is refused before anything is sent", this::invalidValue);
			check(checks, holder, "cancelling a stream frees the server within 1 s", this::cancellation);
			check(checks, holder, "a cut stream is an error, not a short answer", this::cutStream);
			checks.add(DynamicTest.dynamicTest("stop", holder::close));
			return DynamicContainer.dynamicContainer(spec.name(), checks.stream());
		});
	}

	private static List<TargetSpec> targets() {
		String baseUrl = System.getProperty("conformance.base-url", "");
		if (!baseUrl.isBlank()) {
			String model = System.getProperty("conformance.model", "");
			return List.of(new TargetSpec("server at " + baseUrl, Kind.USER,
					() -> new Target(baseUrl, model.isBlank() ? null : model, null, null)));
		}
		List<TargetSpec> targets = new ArrayList<>();
		targets.add(new TargetSpec("simulator", Kind.SIMULATOR, MlxLmConformanceTests::simulator));
		RealServerKit.find().ifPresentOrElse((kit) -> {
			for (String release : kit.releases()) {
				targets.add(new TargetSpec("mlx_lm.server " + RealServerKit.version(release), Kind.KIT, () -> {
					RealServerKit.Server server = kit.start(release);
					return new Target(server.baseUrl(), RealServerKit.MODEL, server, server::logText);
				}));
			}
		}, () -> System.out.println("Conformance ring on the real server skipped: " + RealServerKit.skipReason()));
		return targets;
	}

	private static Target simulator() {
		MlxLmSimulator simulator = MlxLmSimulator.builder()
			.model(RealServerKit.MODEL)
			.tokensPerSecond(1000)
			.script(HELLO, HELLO_ANSWER)
			.script(UNICODE, UNICODE_ANSWER)
			.script(TOOL_CALL, Reply.toolCall("get_weather", "{\"city\": \"Paris\", \"unit\": \"celsius\"}"))
			.script(THINK, Reply.reasoning("Paris is in France.", "It is sunny in Paris."))
			.start();
		return new Target(simulator.baseUrl(), RealServerKit.MODEL, simulator, null);
	}

	private void check(List<DynamicNode> checks, Holder holder, String name, Check check) {
		checks.add(DynamicTest.dynamicTest(name, () -> {
			Target target = holder.get();
			String outcome = "passed";
			try {
				check.run(holder.spec().kind(), target);
			}
			catch (TestAbortedException ex) {
				outcome = "skipped: " + ex.getMessage();
				throw ex;
			}
			catch (Throwable ex) {
				outcome = "FAILED: " + ex.getMessage();
				throw ex;
			}
			finally {
				report.computeIfAbsent(holder.spec().name(), (key) -> new LinkedHashMap<>()).put(name, outcome);
			}
		}));
	}

	private void health(Kind kind, Target target) {
		StepVerifier.create(target.client().isRunning()).expectNext(true).expectComplete().verify(TIMEOUT);
		StepVerifier.create(target.client().status(Duration.ofSeconds(10)))
			.assertNext((status) -> assertThat(status.connected()).isTrue())
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(target.client().probeGeneration(TIMEOUT))
			.assertNext((elapsed) -> assertThat(elapsed).isPositive())
			.expectComplete()
			.verify(TIMEOUT);
	}

	private void models(Kind kind, Target target) {
		assume(target.model() != null, "no model given (-Dconformance.model)");
		StepVerifier.create(target.client().listModels())
			.assertNext((models) -> assertThat(models).extracting((model) -> model.id()).contains(target.model()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private void chatCall(Kind kind, Target target) {
		ChatResponse response = target.chat().call(new Prompt(HELLO, options(64)));
		String text = response.getResult().getOutput().getText();
		assertThat(text).isNotBlank();
		if (kind != Kind.USER) {
			assertThat(text).isEqualTo(HELLO_ANSWER);
		}
		assertThat(response.getResult().getMetadata().getFinishReason()).isIn("stop", "STOP", "length", "LENGTH");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isPositive();
		MlxLmServerIdentity identity = target.client().serverIdentity();
		assertThat(identity).as("the server's version, from system_fingerprint").isNotNull();
		target.version = identity.serverVersion();
	}

	private void chatStream(Kind kind, Target target) {
		List<ChatResponse> chunks = target.chat().stream(new Prompt(HELLO, options(64))).collectList().block(TIMEOUT);
		assertThat(chunks).hasSizeGreaterThan(1);
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> {
			if (chunk.getResult() != null && chunk.getResult().getOutput().getText() != null) {
				text.append(chunk.getResult().getOutput().getText());
			}
		});
		assertThat(text.toString()).isNotBlank();
		if (kind != Kind.USER) {
			assertThat(text.toString()).isEqualTo(HELLO_ANSWER);
		}
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isNotBlank();
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isPositive();
	}

	private void cachedTokens(Kind kind, Target target) {
		// A conversation's second turn starts with the first turn and its answer.
		String question = "Tell me about the sea, the sky and the mountains in a few words.";
		String answer = target.chat().call(new Prompt(question, options(8))).getResult().getOutput().getText();
		Prompt followUp = new Prompt(List.of(new UserMessage(question), new AssistantMessage(answer),
				new UserMessage("And about the rivers?")), options(8));
		Long cached = target.chat().call(followUp).getMetadata().getUsage().getCacheReadInputTokens();
		if (olderThan(target, "0.31")) {
			// Before 0.31 there is no prompt_tokens_details: unknown, not 0.
			assertThat(cached).isNull();
		}
		else {
			assertThat(cached).isPositive();
		}
	}

	private void unicode(Kind kind, Target target) {
		assume(kind != Kind.USER, "needs the kit's scripted model");
		assertThat(target.chat().call(new Prompt(UNICODE, options(256))).getResult().getOutput().getText())
			.isEqualTo(UNICODE_ANSWER);
		String streamed = target.chat()
			.stream(new Prompt(UNICODE, options(256)))
			.mapNotNull((chunk) -> (chunk.getResult() != null) ? chunk.getResult().getOutput().getText() : null)
			.collectList()
			.map((parts) -> String.join("", parts))
			.block(TIMEOUT);
		assertThat(streamed).isEqualTo(UNICODE_ANSWER);
	}

	private void tools(Kind kind, Target target) {
		assume(kind != Kind.USER, "needs the kit's scripted model");
		FunctionToolCallback<Map<String, Object>, String> weather = FunctionToolCallback
			.builder("get_weather", (Map<String, Object> input) -> "Sunny")
			.description("Get the weather in a city")
			.inputType(Map.class)
			.build();
		MlxLmChatOptions options = MlxLmChatOptions.builder().maxTokens(400).toolCallbacks(List.of(weather)).build();
		AssistantMessage message = target.chat().call(new Prompt(TOOL_CALL, options)).getResult().getOutput();
		if (olderThan(target, "0.31")) {
			// Their parser needs tool-call tokens in the tokenizer, which the kit's has
			// not.
			assertThat(message.getText()).contains("<tool_call>").contains("get_weather");
			assume(false, "mlx-lm before 0.31 returns this template's tool call as text");
		}
		assertThat(message.getToolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).contains("\"city\"").contains("Paris");
		});
	}

	private void reasoning(Kind kind, Target target) {
		assume(kind == Kind.SIMULATOR, "the kit's tiny model has no reasoning chat template");
		AssistantMessage message = target.chat()
			.call(new Prompt(THINK, MlxLmChatOptions.builder().maxTokens(64).enableThinking(true).build()))
			.getResult()
			.getOutput();
		assertThat(message.getText()).isEqualTo("It is sunny in Paris.");
		assertThat(message.getMetadata()).containsEntry(MlxLmChatModel.REASONING, "Paris is in France.");
	}

	private void textCompletion(Kind kind, Target target) {
		StepVerifier.create(target.client().complete(HELLO, MlxLmCompletionOptions.builder().maxTokens(16).build()))
			.assertNext((completion) -> assertThat(completion.text()).isNotNull())
			.expectComplete()
			.verify(TIMEOUT);
	}

	private void invalidValue(Kind kind, Target target) {
		int postsBefore = target.posts();
		Throwable thrown = catchThrowable(() -> target.chat().call(new Prompt("hi", options(-1))));
		assertThat(thrown).isInstanceOf(MlxLmInvalidRequestException.class);
		assertThat(((MlxLmInvalidRequestException) thrown).field()).isEqualTo("maxTokens");
		assertThat(target.posts()).as("requests the server saw").isEqualTo(postsBefore);
	}

	private void cancellation(Kind kind, Target target) {
		// A long answer (about 2 s on the kit), abandoned after its first chunk.
		StepVerifier.create(target.chat().stream(new Prompt("Write a very long story.", options(2000))).take(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		long start = System.nanoTime();
		target.chat().call(new Prompt(HELLO, options(1)));
		Duration next = Duration.ofNanos(System.nanoTime() - start);
		assume(!olderThan(target, "0.31"), "mlx-lm before 0.31 finishes an abandoned generation (up to max_tokens)"
				+ " before it serves the next request: the next one took " + next.toMillis() + " ms");
		assertThat(next).as("the next request's time: the abandoned generation stopped")
			.isLessThan(Duration.ofSeconds(1));
	}

	private void cutStream(Kind kind, Target target) {
		assume(kind != Kind.USER, "the server's process is not the test's to stop");
		Flux<ChatResponse> stream = target.chat().stream(new Prompt("Write a very long story.", options(4000)));
		target.cutBefore();
		Throwable thrown = catchThrowable(() -> stream.index().doOnNext((indexed) -> {
			if (indexed.getT1() == 1) {
				target.cutDuring();
			}
		}).blockLast(TIMEOUT));
		assertThat(thrown).isInstanceOf(MlxLmException.class);
		assertThat(((MlxLmException) thrown).reason()).isEqualTo(MlxLmException.Reason.CLOSED);
	}

	private static MlxLmChatOptions options(int maxTokens) {
		return MlxLmChatOptions.builder().maxTokens(maxTokens).build();
	}

	private static boolean olderThan(Target target, String version) {
		return target.version != null
				&& RealServerKit.versionKey(target.version).compareTo(RealServerKit.versionKey(version + ".0")) < 0;
	}

	private static void assume(boolean condition, String reason) {
		if (!condition) {
			throw new TestAbortedException(reason);
		}
	}

	@AfterAll
	static void writeReport() throws IOException {
		StringBuilder text = new StringBuilder("# Conformance report\n");
		report.forEach((target, checks) -> {
			text.append("\n## ").append(target).append("\n\n");
			checks
				.forEach((check, outcome) -> text.append("- ").append(check).append(": ").append(outcome).append('\n'));
		});
		Path file = Path.of("target", "conformance-report.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
		System.out.println(text);
	}

	enum Kind {

		SIMULATOR, KIT, USER

	}

	@FunctionalInterface
	interface Check {

		void run(Kind kind, Target target) throws Exception;

	}

	record TargetSpec(String name, Kind kind, Supplier<Target> starter) {
	}

	/** Starts its target on first use, so that a container's tests share it. */
	static final class Holder {

		private final TargetSpec spec;

		private @Nullable Target target;

		Holder(TargetSpec spec) {
			this.spec = spec;
		}

		TargetSpec spec() {
			return this.spec;
		}

		Target get() {
			if (this.target == null) {
				this.target = this.spec.starter().get();
			}
			return this.target;
		}

		void close() throws Exception {
			if (this.target != null) {
				this.target.close();
				report.computeIfAbsent(this.spec.name(), (key) -> new LinkedHashMap<>())
					.put("mlx-lm version (system_fingerprint)", String.valueOf(this.target.version));
			}
		}

	}

	/** A server under test, with the starter's client and chat model on it. */
	static final class Target implements AutoCloseable {

		private final @Nullable String model;

		private final @Nullable AutoCloseable resource;

		private final @Nullable Supplier<String> log;

		private final MlxLmChatModelFactory factory;

		private final MlxLmClient client;

		private final MlxLmChatModel chat;

		@Nullable String version;

		Target(String baseUrl, @Nullable String model, @Nullable AutoCloseable resource,
				@Nullable Supplier<String> log) {
			this.model = model;
			this.resource = resource;
			this.log = log;
			this.factory = MlxLmChatModelFactory.builder()
				.client(MlxLmClient.builder().baseUrl(baseUrl).readTimeout(TIMEOUT).build())
				.build();
			this.client = new MlxLmClient(this.factory.getApi());
			this.chat = this.factory.create();
		}

		@Nullable String model() {
			return this.model;
		}

		MlxLmClient client() {
			return this.client;
		}

		MlxLmChatModel chat() {
			return this.chat;
		}

		/** Makes the simulator cut its next stream after two chunks. */
		void cutBefore() {
			if (this.resource instanceof MlxLmSimulator simulator) {
				simulator.faults().stopStreamAfterChunks(2);
			}
		}

		/** Kills the kit's server while it streams. */
		void cutDuring() {
			if (this.resource instanceof RealServerKit.Server server) {
				server.process().destroyForcibly();
			}
		}

		/**
		 * Chat requests the server has seen, from its log or its record; -1 when unknown.
		 */
		int posts() {
			if (this.resource instanceof MlxLmSimulator simulator) {
				return (int) simulator.requests().stream().filter((request) -> request.method().equals("POST")).count();
			}
			if (this.log != null) {
				return (int) this.log.get().lines().filter((line) -> line.contains("\"POST ")).count();
			}
			return -1;
		}

		@Override
		public void close() throws Exception {
			this.factory.close();
			if (this.resource != null) {
				this.resource.close();
			}
		}

	}

}

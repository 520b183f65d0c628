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

package io.github.mlxlm.simulator;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static String user(String text, String extra) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]" + extra + "}";
	}

	static List<String> events(String raw) {
		return raw.lines().filter((l) -> l.startsWith("data: ") || l.startsWith(": ")).toList();
	}

	@Test
	void keepaliveCommentsReportPrefillProgressBeforeTheFirstData() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).prefillTokensPerSecond(1_000_000).start()) {
			String longText = "word ".repeat(1190); // 1190 words, a trailing space and 8
													// template tokens = 1199
			String raw = Raw.postRaw(sim.port(), "/v1/chat/completions", user(longText, ", \"stream\": true"));
			List<String> events = events(raw);
			assertThat(events.subList(0, 4)).containsExactly(": keepalive 0/1199", ": keepalive 512/1199",
					": keepalive 1024/1199", ": keepalive 1199/1199");
			assertThat(events.get(4)).startsWith("data: {");
		}
	}

	@Test
	void repeatedPromptReportsCachedTokens() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			String first = Raw.post(sim.port(), "/v1/chat/completions", user("Say this is a test!", "")).body();
			String second = Raw.post(sim.port(), "/v1/chat/completions", user("Say this is a test!", "")).body();
			assertThat(first).contains("\"prompt_tokens\": 14, ").contains("\"cached_tokens\": 0}");
			assertThat(second).contains("\"prompt_tokens\": 14, ").contains("\"cached_tokens\": 13}");
		}
	}

	@Test
	void followUpTurnReusesThePreviousPromptAndAnswerAsCache() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			Raw.post(sim.port(), "/v1/chat/completions", user("Say this is a test!", ""));
			String second = Raw.post(sim.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": \"Say this is a test!\"}, "
							+ "{\"role\": \"assistant\", \"content\": \"This is a test!\"}, {\"role\": \"user\", \"content\": \"Again\"}]}")
				.body();
			// 14 prompt tokens plus the 5 answer tokens and the end-of-turn token were
			// cached
			assertThat(second).contains("\"cached_tokens\": 20}");
		}
	}

	@Test
	void keepaliveTotalCountsOnlyUncachedTokens() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			Raw.post(sim.port(), "/v1/chat/completions", user("Say this is a test!", ""));
			String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
					user("Say this is a test!", ", \"stream\": true"));
			assertThat(events(raw).subList(0, 2)).containsExactly(": keepalive 0/1", ": keepalive 1/1");
		}
	}

	@Test
	void maxTokensCutsTheAnswerWithFinishReasonLength() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("hi", ", \"max_tokens\": 3")).body();
			assertThat(body).contains(
					"\"finish_reason\": \"length\", \"message\": {\"role\": \"assistant\", \"content\": \"This is a\"}")
				.contains("\"completion_tokens\": 3, ");
		}
	}

	@Test
	void maxCompletionTokensWinsOverMaxTokens() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			String body = Raw
				.post(sim.port(), "/v1/chat/completions",
						user("hi", ", \"max_tokens\": 100, \"max_completion_tokens\": 2"))
				.body();
			assertThat(body).contains("\"content\": \"This is\"").contains("\"finish_reason\": \"length\"");
		}
	}

	@Test
	void defaultMaxTokensIs512() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.defaultReply(Reply.text("x ".repeat(600)))
			.start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("hi", "")).body();
			assertThat(body).contains("\"finish_reason\": \"length\"").contains("\"completion_tokens\": 512, ");
		}
	}

	@Test
	void stopStringCutsTheText() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("hi", ", \"stop\": \" a \"")).body();
			assertThat(body).contains(
					"\"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": \"This is\"}");
		}
	}

	@Test
	void stopListUsesTheEarliestMatchAlsoInStreams() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start()) {
			String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
					user("hi", ", \"stop\": [\"test\", \"is a\"], \"stream\": true"));
			List<String> data = events(raw).stream().filter((e) -> e.startsWith("data: {")).toList();
			assertThat(data).hasSize(3);
			assertThat(data.get(0)).contains("\"content\": \"This\"");
			assertThat(data.get(1)).contains("\"content\": \" \"");
			assertThat(data.get(2)).contains("\"finish_reason\": \"stop\"");
		}
	}

	@Test
	void reasoningReplyAddsMessageReasoning() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("think", Reply.reasoning("Hmm.", "Yes."))
			.start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("think", "")).body();
			assertThat(body)
				.contains("\"message\": {\"role\": \"assistant\", \"content\": \"Yes.\", \"reasoning\": \"Hmm.\"}")
				.doesNotContain("reasoning_content");
		}
	}

	@Test
	void reasoningStreamsAsDeltaReasoning() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("think", Reply.reasoning("Hmm.", "Yes."))
			.start()) {
			String raw = Raw.postRaw(sim.port(), "/v1/chat/completions", user("think", ", \"stream\": true"));
			assertThat(raw).contains("\"delta\": {\"role\": \"assistant\", \"reasoning\": \"Hmm\"}")
				.contains("\"delta\": {\"role\": \"assistant\", \"content\": \"Yes\"}");
		}
	}

	@Test
	void toolCallUsesTheServersFormatWhenTheRequestHasTools() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.ids(() -> "0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d")
			.script("weather", Reply.toolCall("get_weather", "{\"city\":\"Oslo\"}"))
			.start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("weather in Oslo?",
					", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\": {}}}]"))
				.body();
			assertThat(body).contains(
					"\"finish_reason\": \"tool_calls\", \"message\": {\"role\": \"assistant\", \"content\": null, "
							+ "\"tool_calls\": [{\"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}, "
							+ "\"type\": \"function\", \"id\": \"0b6f7c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d\"}]}");
		}
	}

	@Test
	void streamedToolCallArrivesWholeInOneChunkWithIndex() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.ids(() -> "u1")
			.script("weather", Reply.toolCall("get_weather", "{\"city\": \"Oslo\"}"))
			.start()) {
			String raw = Raw.postRaw(sim.port(), "/v1/chat/completions", user("weather?",
					", \"stream\": true, \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}]"));
			List<String> data = events(raw).stream().filter((e) -> e.startsWith("data: {")).toList();
			assertThat(data).hasSize(2);
			assertThat(data.get(0))
				.contains("\"delta\": {\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"name\": "
						+ "\"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}, \"type\": \"function\", \"id\": \"u1\", \"index\": 0}]}");
			assertThat(data.get(1)).contains("\"finish_reason\": \"tool_calls\"");
		}
	}

	@Test
	void toolCallWithoutToolsInTheRequestComesAsPlainText() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("weather", Reply.toolCall("get_weather", "{\"city\": \"Oslo\"}"))
			.start()) {
			String body = Raw.post(sim.port(), "/v1/chat/completions", user("weather?", "")).body();
			assertThat(body).contains("\"finish_reason\": \"stop\"")
				.contains("<tool_call>")
				.doesNotContain("\"tool_calls\"");
		}
	}

	@Test
	void exactLastUserMessageScriptWinsOverASubstringScript() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("capital", "Substring.")
			.script("What is the capital of France?", "Paris.")
			.start()) {
			assertThat(Raw.post(sim.port(), "/v1/chat/completions", user("What is the capital of France?", "")).body())
				.contains("\"content\": \"Paris.\"");
			assertThat(Raw.post(sim.port(), "/v1/chat/completions", user("Name a capital", "")).body())
				.contains("\"content\": \"Substring.\"");
		}
	}

	@Test
	void aToolCallScriptDoesNotMatchTheFollowUpThatCarriesTheToolResult() throws IOException {
		String followUp = "{\"messages\": [{\"role\": \"user\", \"content\": \"What is the weather in Oslo?\"}, "
				+ "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", "
				+ "\"function\": {\"name\": \"weather\", \"arguments\": \"{}\"}}]}, "
				+ "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"Sunny\"}]}";
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("weather in", Reply.toolCall("weather", "{}"))
			.start()) {
			assertThat(Raw.post(sim.port(), "/v1/chat/completions", followUp).body())
				.contains("\"content\": \"This is a test!\"");
		}
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.scriptsMatchWholePrompt(true)
			.script("weather in", "Whole prompt.")
			.start()) {
			assertThat(Raw.post(sim.port(), "/v1/chat/completions", followUp).body())
				.contains("\"content\": \"Whole prompt.\"");
		}
	}

	@Test
	void scriptsMatchTheLatestMessageNotTheSystemMessageOrHistory() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).script("pirate", "Arr.").start()) {
			String body = Raw
				.post(sim.port(), "/v1/chat/completions",
						"{\"messages\": [{\"role\": \"system\", \"content\": \"You are a pirate.\"}, "
								+ "{\"role\": \"user\", \"content\": \"Hello\"}]}")
				.body();
			assertThat(body).contains("\"content\": \"This is a test!\"");
		}
	}

	@Test
	void textCompletionUsesThePromptField() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.script("Once upon a time", " there was a fox.")
			.start()) {
			assertThat(Raw.post(sim.port(), "/v1/completions", "{\"prompt\": \"Once upon a time\"}").body())
				.contains("\"text\": \" there was a fox.\"");
		}
	}

	@Test
	void sameRequestGivesTheSameAnswer() throws IOException {
		try (MlxLmSimulator sim = MlxLmSimulator.builder()
			.model(MODEL)
			.ids(() -> "x")
			.clock(java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC))
			.start()) {
			String a = Raw.postRaw(sim.port(), "/v1/chat/completions", user("hi", ", \"stream\": true"));
			sim.reset();
			String b = Raw.postRaw(sim.port(), "/v1/chat/completions", user("hi", ", \"stream\": true"));
			assertThat(a).isEqualTo(b);
		}
	}

}

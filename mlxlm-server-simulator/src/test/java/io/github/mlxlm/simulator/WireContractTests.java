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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes, replies and error rows of docs/wire-contract.md, asserted on raw bytes read
 * from a plain socket until EOF.
 */
class WireContractTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String DATE = "Date: Mon, 22 Dec 2025 10:40:00 GMT";

	static final String JSON_HEAD = "HTTP/1.0 %s\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\n" + DATE
			+ "\r\nContent-type: application/json\r\nAccess-Control-Allow-Origin: *\r\n"
			+ "Access-Control-Allow-Methods: *\r\nAccess-Control-Allow-Headers: *\r\n";

	static MlxLmSimulator sim;

	@BeforeAll
	static void start() {
		sim = MlxLmSimulator.builder()
			.model(MODEL)
			.huggingFaceCache(MODEL, "mlx-community/gemma-3-1b-it-4bit")
			.clock(Clock.fixed(Instant.ofEpochSecond(1766400000), ZoneOffset.UTC))
			.ids(() -> "5f0c2a4e-8a47-4c1e-9a8e-1d2f3b4c5d6e")
			.script("Say this is a test!", Reply.text("This is a test!"))
			.start();
	}

	@AfterAll
	static void stop() {
		sim.close();
	}

	@BeforeEach
	void reset() {
		sim.reset();
	}

	static String jsonReply(String status, String body) {
		return JSON_HEAD.formatted(status) + "\r\n" + body;
	}

	@Test
	void healthIsOkWithoutContentLength() throws IOException {
		assertThat(Raw.exchange(sim.port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
			.isEqualTo(jsonReply("200 OK", "{\"status\": \"ok\"}"));
	}

	@Test
	void modelsListsTheCacheWithRequestTimeAndNoOwnedBy() throws IOException {
		assertThat(Raw.exchange(sim.port(), "GET /v1/models HTTP/1.1\r\n\r\n"))
			.isEqualTo(jsonReply("200 OK", "{\"object\": \"list\", \"data\": [{\"id\": \"" + MODEL
					+ "\", \"object\": \"model\", \"created\": 1766400000}, "
					+ "{\"id\": \"mlx-community/gemma-3-1b-it-4bit\", \"object\": \"model\", \"created\": 1766400000}]}"));
	}

	@Test
	void modelsWithAnIdFiltersToThatId() throws IOException {
		assertThat(Raw.get(sim.port(), "/v1/models/mlx-community/gemma-3-1b-it-4bit").body()).isEqualTo(
				"{\"object\": \"list\", \"data\": [{\"id\": \"mlx-community/gemma-3-1b-it-4bit\", \"object\": \"model\", \"created\": 1766400000}]}");
	}

	@Test
	void modelsWithAnUnknownIdIsAnEmptyListNot404() throws IOException {
		Raw.Reply reply = Raw.get(sim.port(), "/v1/models/nobody/nothing");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 200 OK");
		assertThat(reply.body()).isEqualTo("{\"object\": \"list\", \"data\": []}");
	}

	@Test
	void modelsIsAPrefixMatchSoAQueryStringStillLists() throws IOException {
		assertThat(Raw.get(sim.port(), "/v1/models?limit=1").body()).contains("\"data\": [{\"id\": \"" + MODEL);
	}

	@Test
	void nonStreamingChatMatchesTheContractExampleByteForByte() throws IOException {
		String body = "{\"id\": \"chatcmpl-5f0c2a4e-8a47-4c1e-9a8e-1d2f3b4c5d6e\", \"system_fingerprint\": "
				+ "\"0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s\", \"object\": \"chat.completion\", \"model\": "
				+ "\"default_model\", \"created\": 1766400000, \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", "
				+ "\"message\": {\"role\": \"assistant\", \"content\": \"This is a test!\"}}], \"usage\": {\"prompt_tokens\": 14, "
				+ "\"completion_tokens\": 6, \"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";
		String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"Say this is a test!\"}]}");
		assertThat(raw)
			.isEqualTo(JSON_HEAD.formatted("200 OK") + "Content-Length: " + body.length() + "\r\n\r\n" + body);
	}

	@Test
	void streamingChatMatchesTheContractExampleByteForByte() throws IOException {
		try (MlxLmSimulator exact = MlxLmSimulator.builder()
			.model(MODEL)
			.clock(Clock.fixed(Instant.ofEpochSecond(1766400000), ZoneOffset.UTC))
			.ids(() -> "5f0c")
			.systemFingerprint("0.32.0-...")
			.defaultReply(Reply.chunks("This", " is a test!"))
			.start()) {
			String raw = Raw.postRaw(exact.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": \"Say this is a test!\"}], \"stream\": true, "
							+ "\"stream_options\": {\"include_usage\": true}}");
			String prefix = "{\"id\": \"chatcmpl-5f0c\", \"system_fingerprint\": \"0.32.0-...\", \"object\": ";
			String mid = ", \"model\": \"default_model\", \"created\": 1766400000, \"choices\": ";
			assertThat(raw).isEqualTo("HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\n" + DATE
					+ "\r\nContent-type: text/event-stream\r\nCache-Control: no-cache\r\nAccess-Control-Allow-Origin: *\r\n"
					+ "Access-Control-Allow-Methods: *\r\nAccess-Control-Allow-Headers: *\r\n\r\n"
					+ ": keepalive 0/14\n\n: keepalive 14/14\n\n" + "data: " + prefix + "\"chat.completion.chunk\""
					+ mid
					+ "[{\"index\": 0, \"finish_reason\": null, \"delta\": {\"role\": \"assistant\", \"content\": \"This\"}}]}\n\n"
					+ "data: " + prefix + "\"chat.completion.chunk\"" + mid
					+ "[{\"index\": 0, \"finish_reason\": null, \"delta\": {\"role\": \"assistant\", \"content\": \" is a test!\"}}]}\n\n"
					+ "data: " + prefix + "\"chat.completion.chunk\"" + mid
					+ "[{\"index\": 0, \"finish_reason\": \"stop\", \"delta\": {\"role\": \"assistant\"}}]}\n\n"
					+ "data: " + prefix + "\"chat.completion\"" + mid + "[], \"usage\": {\"prompt_tokens\": 14, "
					+ "\"completion_tokens\": 6, \"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}\n\n"
					+ "data: [DONE]\n\n");
		}
	}

	@Test
	void chatWithoutV1PrefixIsServedToo() throws IOException {
		Raw.Reply reply = Raw.post(sim.port(), "/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 200 OK");
		assertThat(reply.body()).contains("\"object\": \"chat.completion\"");
	}

	@Test
	void textCompletionHasTextCompletionObjectCmplIdAndText() throws IOException {
		Raw.Reply reply = Raw.post(sim.port(), "/v1/completions", "{\"prompt\": \"Once upon\", \"max_tokens\": 10}");
		assertThat(reply.headerNames()).endsWith("Content-Length");
		assertThat(reply.body())
			.startsWith("{\"id\": \"cmpl-5f0c2a4e-8a47-4c1e-9a8e-1d2f3b4c5d6e\", \"system_fingerprint\": ")
			.contains("\"object\": \"text_completion\"")
			.contains("\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"text\": \"This is a test!\"}]");
	}

	@Test
	void streamedTextCompletionUsageChunkSaysChatCompletion() throws IOException {
		String raw = Raw.postRaw(sim.port(), "/v1/completions",
				"{\"prompt\": \"Once upon\", \"stream\": true, \"stream_options\": {\"include_usage\": true}}");
		assertThat(raw).contains("\"object\": \"text_completion\", ")
			.contains(
					"\"object\": \"chat.completion\", \"model\": \"default_model\", \"created\": 1766400000, \"choices\": [], \"usage\"")
			.endsWith("data: [DONE]\n\n");
	}

	@Test
	void optionsOnAnyPathIs204WithCorsAndEmptyBody() throws IOException {
		assertThat(Raw.exchange(sim.port(), "OPTIONS /anything/at/all HTTP/1.1\r\n\r\n"))
			.isEqualTo(jsonReply("204 No Content", ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE", "PATCH" })
	void otherMethodsGetPythonsOwn501Page(String method) throws IOException {
		String body = "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
				+ "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
				+ "        <p>Error code: 501</p>\n        <p>Message: Unsupported method ('" + method + "').</p>\n"
				+ "        <p>Error code explanation: 501 - Server does not support this operation.</p>\n    </body>\n</html>\n";
		assertThat(Raw.exchange(sim.port(), method + " /v1/chat/completions HTTP/1.1\r\n\r\n"))
			.isEqualTo("HTTP/1.0 501 Unsupported method ('" + method + "')\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\n"
					+ DATE + "\r\nConnection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: "
					+ body.length() + "\r\n\r\n" + body);
	}

	@Test
	void headGets501HeadersWithoutTheBody() throws IOException {
		Raw.Reply reply = Raw.parse(Raw.exchange(sim.port(), "HEAD /health HTTP/1.1\r\n\r\n"));
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 501 Unsupported method ('HEAD')");
		assertThat(reply.headerNames()).containsExactly("Server", "Date", "Connection", "Content-Type",
				"Content-Length");
		assertThat(reply.body()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /nope", "GET /health/", "GET /health?x=1", "GET /v1/chat/completions", "GET /" })
	void unknownGetPathIs404WithJsonHeaderAndPlainBody(String requestLine) throws IOException {
		assertThat(Raw.exchange(sim.port(), requestLine + " HTTP/1.1\r\n\r\n"))
			.isEqualTo(jsonReply("404 Not Found", "Not Found"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/chat/completions/", "/v1/chat/completions?x=1", "/v1/embeddings", "/v1/models" })
	void unknownPostPathIs404(String path) throws IOException {
		assertThat(Raw.postRaw(sim.port(), path, "{}")).isEqualTo(jsonReply("404 Not Found", "Not Found"));
	}

	@Test
	void badJsonIs400WithPythonsDecoderMessage() throws IOException {
		assertThat(Raw.postRaw(sim.port(), "/v1/chat/completions", "{\"messages\": [}"))
			.isEqualTo(jsonReply("400 Bad Request",
					"{\"error\": \"Invalid JSON in request body: Expecting value: line 1 column 15 (char 14)\"}"));
	}

	@Test
	void emptyBodyIs400ExpectingValueAtCharZero() throws IOException {
		assertThat(Raw.post(sim.port(), "/v1/chat/completions", "").body())
			.isEqualTo("{\"error\": \"Invalid JSON in request body: Expecting value: line 1 column 1 (char 0)\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"hello\"", "42", "null" })
	void jsonThatIsNotAnObjectIs400(String json) throws IOException {
		assertThat(Raw.postRaw(sim.port(), "/v1/chat/completions", json))
			.isEqualTo(jsonReply("400 Bad Request", "{\"error\": \"Request should be a JSON dictionary\"}"));
	}

	@Test
	void chunkedPostWithoutContentLengthIs411() throws IOException {
		assertThat(Raw.exchange(sim.port(),
				"POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"))
			.isEqualTo(jsonReply("411 Length Required", "{\"error\": \"Content-Length header is required\"}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": null}",
			"{\"messages\": [{\"role\": \"user\", \"content\": null}]}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream_options\": {\"include_usage\": null}}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"user\": null}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 1.5}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": \"10\"}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": -1}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_completion_tokens\": 2.0}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": \"true\"}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"top_k\": \"40\"}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"top_k\": 40.0}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": \"0.7\"}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": -0.1}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"top_p\": 1.5}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"xtc_probability\": 0}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"xtc_threshold\": 1}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": 1}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"seed\": 1.0}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logit_bias\": {\"abc\": 1}}",
			"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"model\": 7}",
			"{\"model\": \"default_model\"}", "{\"messages\": \"hi\"}" })
	void nullWrongTypeOutOfRangeOrMissingMessagesDropsTheConnectionWithNoReply(String json) throws IOException {
		assertThat(Raw.postRaw(sim.port(), "/v1/chat/completions", json)).isEmpty();
	}

	@Test
	void textCompletionWithoutPromptDropsTheConnection() throws IOException {
		assertThat(Raw.postRaw(sim.port(), "/v1/completions", "{\"max_tokens\": 5}")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"xtc_probability\": 0.0", "\"xtc_threshold\": 0.1", "\"top_k\": 40",
			"\"temperature\": 1", "\"min_p\": 0.05", "\"repetition_penalty\": 1.1", "\"repetition_context_size\": 20",
			"\"seed\": 42", "\"logprobs\": false", "\"top_logprobs\": 5", "\"stop\": [\"x\"]",
			"\"logit_bias\": {\"42\": -1.5}", "\"n\": 3", "\"response_format\": {\"type\": \"json_object\"}",
			"\"chat_template_kwargs\": {\"enable_thinking\": false}", "\"presence_penalty\": 0.5",
			"\"frequency_penalty\": 0", "\"tool_choice\": \"auto\"", "\"max_tokens\": true" })
	void correctlyTypedFieldsAreAccepted(String field) throws IOException {
		assertThat(Raw
			.post(sim.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], " + field + "}")
			.statusLine()).isEqualTo("HTTP/1.0 200 OK");
	}

	@Test
	void nonTextContentPartIs404() throws IOException {
		assertThat(Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"what is this\"}, "
						+ "{\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,AAAA\"}}]}]}"))
			.isEqualTo(jsonReply("404 Not Found", "{\"error\": \"Only 'text' content type is supported.\"}"));
	}

	@Test
	void textContentPartsAreAccepted() throws IOException {
		assertThat(Raw.post(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Say this is a test!\"}]}]}")
			.body()).contains("\"content\": \"This is a test!\"");
	}

	@Test
	void emptyStreamOptionsEndsTheStreamAfterTheFinishChunkWithoutDone() throws IOException {
		String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true, \"stream_options\": {}}");
		assertThat(raw).endsWith("\"finish_reason\": \"stop\", \"delta\": {\"role\": \"assistant\"}}]}\n\n")
			.doesNotContain("[DONE]")
			.doesNotContain("\"usage\"");
	}

	@Test
	void streamWithoutStreamOptionsHasNoUsageChunkButEndsWithDone() throws IOException {
		String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}");
		assertThat(raw).doesNotContain("\"usage\"")
			.endsWith("\"delta\": {\"role\": \"assistant\"}}]}\n\ndata: [DONE]\n\n");
	}

	@Test
	void everyStreamDeltaRepeatsTheRoleAndThereIsNoRoleOnlyFirstChunk() throws IOException {
		String raw = Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}");
		List<String> events = raw.lines().filter((l) -> l.startsWith("data: {")).toList();
		assertThat(events).hasSize(6).allMatch((e) -> e.contains("\"delta\": {\"role\": \"assistant\""));
		assertThat(events.get(0)).contains("\"delta\": {\"role\": \"assistant\", \"content\": \"This\"}");
	}

	@Test
	void emptyAnswerGivesNullContent() throws IOException {
		try (MlxLmSimulator empty = MlxLmSimulator.builder().model(MODEL).defaultReply(Reply.empty()).start()) {
			assertThat(Raw
				.post(empty.port(), "/v1/chat/completions",
						"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
				.body()).contains("\"message\": {\"role\": \"assistant\", \"content\": null}");
		}
	}

	@Test
	void nonAsciiIsEscapedAndEmojiAsSurrogatePairs() throws IOException {
		try (MlxLmSimulator sim2 = MlxLmSimulator.builder()
			.model(MODEL)
			.defaultReply(Reply.text("Caf\u00e9 \uD83D\uDE00"))
			.start()) {
			assertThat(Raw
				.post(sim2.port(), "/v1/chat/completions",
						"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
				.body()).contains("\"content\": \"Caf\\u00e9 \\ud83d\\ude00\"");
		}
	}

	@Test
	void authorizationHeaderIsIgnored() throws IOException {
		Raw.Reply reply = Raw
			.parse(Raw.exchange(sim.port(), "GET /health HTTP/1.1\r\nAuthorization: Bearer secret\r\n\r\n"));
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 200 OK");
	}

	@Test
	void noHuggingFaceCacheGivesAnEmpty200() throws IOException {
		try (MlxLmSimulator bare = MlxLmSimulator.builder()
			.model(MODEL)
			.noHuggingFaceCache()
			.clock(Clock.fixed(Instant.ofEpochSecond(1766400000), ZoneOffset.UTC))
			.start()) {
			assertThat(Raw.exchange(bare.port(), "GET /v1/models HTTP/1.1\r\n\r\n")).isEqualTo(jsonReply("200 OK", ""));
		}
	}

	@Test
	void localPathModelIsListedAbsoluteAfterTheCache() throws IOException {
		try (MlxLmSimulator local = MlxLmSimulator.builder()
			.model("/models/qwen/../qwen3")
			.huggingFaceCache("a/b")
			.start()) {
			assertThat(Raw.get(local.port(), "/v1/models").body()).matches(
					"\\{\"object\": \"list\", \"data\": \\[\\{\"id\": \"a/b\", .*\\}, \\{\"id\": \"/models/qwen3\", \"object\": \"model\", \"created\": \\d+\\}\\]\\}");
		}
	}

	@Test
	void repoIdModelIsTheDefaultCacheAndNotAddedTwice() throws IOException {
		try (MlxLmSimulator plain = MlxLmSimulator.builder().model(MODEL).start()) {
			assertThat(Raw.get(plain.port(), "/v1/models").body()).containsOnlyOnce(MODEL);
		}
	}

	@Test
	void modelLoadFailureIs404WithTheExceptionText() throws IOException {
		sim.faults().failModelLoad("mlx-community/gemma-3-1b-it-4bit", "boom");
		assertThat(Raw.postRaw(sim.port(), "/v1/chat/completions",
				"{\"model\": \"mlx-community/gemma-3-1b-it-4bit\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true}"))
			.isEqualTo(jsonReply("404 Not Found", "{\"error\": \"boom\"}"));
	}

	@Test
	void malformedRequestLineGetsPythons400Page() throws IOException {
		Raw.Reply reply = Raw.parse(Raw.exchange(sim.port(), "HELLO\r\n\r\n"));
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 400 Bad request syntax ('HELLO')");
		assertThat(reply.body()).contains("<p>Error code: 400</p>");
	}

	@Test
	void invalidUtf8BodyDropsTheConnection() throws IOException {
		byte[] head = "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 3\r\n\r\n".getBytes();
		byte[] req = new byte[head.length + 3];
		System.arraycopy(head, 0, req, 0, head.length);
		req[head.length] = '{';
		req[head.length + 1] = (byte) 0xff;
		req[head.length + 2] = '}';
		assertThat(Raw.exchangeBytes(sim.port(), req)).isEmpty();
	}

}

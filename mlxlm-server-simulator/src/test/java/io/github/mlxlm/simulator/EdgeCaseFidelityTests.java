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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests at the edge of what the server takes, answered as {@code mlx_lm/server.py} and
 * its generation code answer them, never more kindly.
 */
class EdgeCaseFidelityTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	final MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	private static String chat(String content, String extra) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}]" + extra + "}";
	}

	@Test
	void maxTokensZeroStillGeneratesOneTokenCutByLength() throws IOException {
		String body = Raw.post(this.sim.port(), "/v1/chat/completions", chat("hi", ", \"max_tokens\": 0")).body();
		assertThat(body)
			.contains("\"finish_reason\": \"length\", \"message\": {\"role\": \"assistant\", \"content\": \"This\"}")
			.contains("\"completion_tokens\": 1, ");
	}

	@Test
	void maxTokensZeroWithAnImmediateEndOfSequenceStops() throws IOException {
		try (MlxLmSimulator empty = MlxLmSimulator.builder().model(MODEL).defaultReply(Reply.empty()).start()) {
			String body = Raw.post(empty.port(), "/v1/chat/completions", chat("hi", ", \"max_tokens\": 0")).body();
			assertThat(body)
				.contains("\"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": null}")
				.contains("\"completion_tokens\": 1, ");
		}
	}

	@Test
	void maxTokensZeroWithASeedDropsTheConnection() throws IOException {
		assertThat(Raw.postRaw(this.sim.port(), "/v1/chat/completions", chat("hi", ", \"max_tokens\": 0, \"seed\": 1")))
			.isEmpty();
	}

	@Test
	void maxTokensZeroWithASeedEndsTheStreamAfterItsKeepalives() throws IOException {
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions",
				chat("hi", ", \"max_tokens\": 0, \"seed\": 1, \"stream\": true"));
		assertThat(raw).startsWith("HTTP/1.0 200 OK\r\n")
			.contains("Content-type: text/event-stream\r\n")
			.endsWith(": keepalive 9/9\n\n")
			.doesNotContain("data:");
	}

	@Test
	void loneSurrogateInAMessageIsTheTokenizers404() throws IOException {
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/chat/completions", chat("broken \\ud800 text", ""));
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
		assertThat(reply.body()).isEqualTo(
				"{\"error\": \"TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]\"}");
	}

	@Test
	void loneSurrogateInATextPromptIsTheTokenizers404() throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/completions", "{\"prompt\": \"\\udc00\"}").statusLine())
			.isEqualTo("HTTP/1.0 404 Not Found");
	}

	@Test
	void aListPromptIsTheTokenizers404() throws IOException {
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/completions", "{\"prompt\": [\"Once\"], \"max_tokens\": 3}");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
		assertThat(reply.body()).startsWith("{\"error\": \"TextEncodeInput");
	}

	@Test
	void surrogatePairIsAcceptedAsOneCharacter() throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", chat("smile \\ud83d\\ude00", "")).statusLine())
			.isEqualTo("HTTP/1.0 200 OK");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"\\ud800\"]", "5", "true", "1.5", "[5]", "[\"x\", [\"y\"]]" })
	void stopWordsTheGenerationThreadCannotUseKillIt(String stop) throws Exception {
		try (Socket socket = send(chat("hi", ", \"stop\": " + stop))) {
			this.sim.awaitRequests(1, Duration.ofSeconds(5));
			assertThat(Raw.get(this.sim.port(), "/health").body()).isEqualTo("{\"status\": \"ok\"}");
			try (Socket later = send(chat("hi", ""))) {
				this.sim.awaitRequests(3, Duration.ofSeconds(5));
				assertThat(later.getInputStream().available()).isZero();
				assertThat(socket.getInputStream().available()).isZero();
				this.sim.close();
				assertThat(Raw.readToEof(later.getInputStream())).isEmpty();
			}
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = {
					"\"\\ud800\"|TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]",
					"5|'int' object is not iterable", "true|'bool' object is not iterable",
					"1.5|'float' object is not iterable",
					"[5]|TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]",
					"[5, {}]|unhashable type: 'dict'" })
	void stopWordsASeededRequestCannotUseAre404s(String stop, String error) throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", chat("hi", ", \"seed\": 3, \"stop\": " + stop))
			.body()).isEqualTo(PyJson.write(Map.of("error", error)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "false", "0.0", "\"\"", "[]", "{}" })
	void falsyStopValuesMeanNoStopWords(String stop) throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", chat("hi", ", \"stop\": " + stop)).body())
			.contains("\"content\": \"This is a test!\"");
	}

	@Test
	void aStopDictionaryStopsAtItsKeys() throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", chat("hi", ", \"stop\": {\" a\": 1}")).body())
			.contains("\"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": \"This is\"}");
	}

	@Test
	void contentLengthThatIsNotANumberIs400() throws IOException {
		Raw.Reply reply = Raw.parse(Raw.exchange(this.sim.port(),
				"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}"));
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 400 Bad Request");
		assertThat(reply.body()).isEqualTo("{\"error\": \"Invalid Content-Length header\"}");
	}

	@Test
	void emptyMessagesFailWhenTheTokenizerLooksForABatch() throws IOException {
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/chat/completions", "{\"messages\": []}");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
		assertThat(reply.body()).isEqualTo("{\"error\": \"list index out of range\"}");
	}

	@Test
	void lastMessageWithoutRoleIsTheKeyErrorAs404() throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", "{\"messages\": [{\"content\": \"hi\"}]}").body())
			.isEqualTo("{\"error\": \"'role'\"}");
	}

	@Test
	void contentPartWithoutTypeIsTheKeyErrorAs404() throws IOException {
		assertThat(Raw
			.post(this.sim.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}]}")
			.body()).isEqualTo("{\"error\": \"'type'\"}");
	}

	@Test
	void textPartWithoutTextIsTheKeyErrorAs404() throws IOException {
		assertThat(Raw
			.post(this.sim.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]}")
			.body()).isEqualTo("{\"error\": \"'text'\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"temperature\": Infinity", "\"temperature\": NaN", "\"top_p\": NaN", "\"min_p\": NaN",
			"\"presence_penalty\": -Infinity", "\"repetition_penalty\": Infinity", "\"top_logprobs\": -1" })
	void nonFiniteNumbersAndTheWhitelistedMinusOnePassValidation(String field) throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/chat/completions", chat("hi", ", " + field)).statusLine())
			.isEqualTo("HTTP/1.0 200 OK");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"temperature\": -Infinity", "\"top_p\": Infinity", "\"top_logprobs\": -2",
			"\"top_logprobs\": 12", "\"repetition_context_size\": -1", "\"presence_context_size\": -1",
			"\"frequency_context_size\": -1", "\"num_draft_tokens\": -1" })
	void outOfRangeNumbersDropTheConnection(String field) throws IOException {
		assertThat(Raw.postRaw(this.sim.port(), "/v1/chat/completions", chat("hi", ", " + field))).isEmpty();
	}

	private Socket send(String json) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.sim.port());
		socket.setSoTimeout(10_000); // safety net only
		socket.getOutputStream().write(Raw.postRequest("/v1/chat/completions", json).getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return socket;
	}

}

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

import java.nio.charset.StandardCharsets;

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the differential ring itself: a simulator broken on purpose fails it, and
 * volatile values do not.
 */
class WireShapeTests {

	static final String REPLY = "HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\nDate: Mon, 07 Dec 2026 09:00:00 GMT\r\n"
			+ "Content-type: application/json\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: *\r\n"
			+ "Access-Control-Allow-Headers: *\r\nContent-Length: 300\r\n\r\n"
			+ "{\"id\": \"chatcmpl-1\", \"system_fingerprint\": \"0.32.0-x\", \"object\": \"chat.completion\", "
			+ "\"model\": \"default_model\", \"created\": 1766400000, \"choices\": [{\"index\": 0, \"finish_reason\": "
			+ "\"stop\", \"message\": {\"role\": \"assistant\", \"content\": \"Hi\"}}], \"usage\": {\"prompt_tokens\": 14, "
			+ "\"completion_tokens\": 2, \"total_tokens\": 16, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";

	private static final DifferentialBattery.Request REQUEST = new DifferentialBattery.Request("chat: scripted hello",
			new byte[0], false);

	@Test
	void volatileValuesCompareByType() {
		String other = REPLY.replace("chatcmpl-1", "chatcmpl-2")
			.replace("1766400000", "1766400999")
			.replace("\"Hi\"", "\"Hello\"")
			.replace("\"prompt_tokens\": 14", "\"prompt_tokens\": 15")
			.replace("Python/3.11.7", "Python/3.12.1");
		assertThat(WireShape.of(bytes(other))).isEqualTo(WireShape.of(bytes(REPLY)));
	}

	@Test
	void aChangedKeyOrderFailsTheRing() {
		String reordered = REPLY.replace("\"object\": \"chat.completion\", \"model\": \"default_model\"",
				"\"model\": \"default_model\", \"object\": \"chat.completion\"");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MlxLmDifferentialTests.compare(REQUEST, WireShape.of(bytes(REPLY)), bytes(REPLY),
					bytes(reordered), "the real server", "a broken simulator", true))
			.withMessageContaining("a broken simulator");
	}

	@Test
	void aReplyWhereTheRealServerDropsTheConnectionFailsTheRing() {
		// A simulator broken on purpose: a 200 where the real server dropped the
		// connection.
		try (MlxLmSimulator broken = MlxLmSimulator.builder().model(RealServerKit.MODEL).start()) {
			byte[] request = RawExchange.post("/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 3}");
			byte[] answered = RawExchange.exchange(broken.port(), request);
			assertThat(WireShape.of(answered)).startsWith("HTTP/1.0 200 OK");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> MlxLmDifferentialTests.compare(REQUEST, WireShape.of(new byte[0]), new byte[0],
						answered, "the real server", "a broken simulator", true))
				.withMessageContaining("DROPPED");
		}
	}

	@Test
	void sseRunsOfLikeChunksFoldIntoOne() {
		String head = "HTTP/1.0 200 OK\r\nContent-type: text/event-stream\r\n\r\n";
		String chunk = "data: {\"id\": \"c\", \"choices\": [{\"delta\": {\"content\": \"x\"}}]}\n\n";
		assertThat(WireShape.of(bytes(head + ": keepalive 0/5\n\n" + chunk + chunk + chunk + "data: [DONE]\n\n")))
			.isEqualTo(WireShape.of(bytes(head + ": keepalive 0/9\n\n" + chunk + "data: [DONE]\n\n")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

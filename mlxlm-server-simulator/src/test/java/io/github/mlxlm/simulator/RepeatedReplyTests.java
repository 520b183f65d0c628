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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Reply#repeated(String, long)}: megabytes of answer, produced piece by piece. */
class RepeatedReplyTests {

	static final String PIECE = "Hello world.";

	final MlxLmSimulator sim = MlxLmSimulator.builder()
		.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
		.script("big", Reply.repeated("x".repeat(1023) + "\n", 8 * 1024))
		.script("small", Reply.repeated(PIECE, 1000))
		.start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	private static String chat(String content, String extra) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}]" + extra + "}";
	}

	@Test
	@SuppressWarnings("unchecked")
	void eightMegabytesStreamOnePiecePerEventAndEndWithDone() throws IOException {
		long contentChars = 0;
		int events = 0;
		String last = null;
		try (Socket socket = new Socket("127.0.0.1", this.sim.port())) {
			socket.setSoTimeout(30_000); // safety net only
			socket.getOutputStream()
				.write(Raw
					.postRequest("/v1/chat/completions", chat("big", ", \"stream\": true, \"max_tokens\": 100000"))
					.getBytes(StandardCharsets.UTF_8));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith("data: {")) {
					Map<String, Object> chunk = (Map<String, Object>) PyJson.parse(line.substring(6));
					Map<String, Object> delta = (Map<String, Object>) ((List<Map<String, Object>>) chunk.get("choices"))
						.get(0)
						.get("delta");
					if (delta.get("content") instanceof String text) {
						contentChars += text.length();
						events++;
					}
				}
				if (line.startsWith("data: ")) {
					last = line;
				}
			}
		}
		assertThat(contentChars).isEqualTo(8L * 1024 * 1024);
		assertThat(events).isEqualTo(8 * 1024);
		assertThat(last).isEqualTo("data: [DONE]");
	}

	@Test
	@SuppressWarnings("unchecked")
	void nonStreamingReplyHasTheRightLengthAndText() throws IOException {
		Raw.Reply reply = Raw.post(this.sim.port(), "/v1/chat/completions", chat("small", ", \"max_tokens\": 5000"));
		assertThat(Integer.parseInt(reply.header("Content-Length")))
			.isEqualTo(reply.body().getBytes(StandardCharsets.UTF_8).length);
		Map<String, Object> body = (Map<String, Object>) PyJson.parse(reply.body());
		Map<String, Object> choice = ((List<Map<String, Object>>) body.get("choices")).get(0);
		assertThat(((Map<String, Object>) choice.get("message")).get("content")).isEqualTo(PIECE.repeat(1000));
		assertThat(choice).containsEntry("finish_reason", "stop");
		assertThat((Map<String, Object>) body.get("usage")).containsEntry("completion_tokens", 3001L);
	}

	@Test
	void maxTokensCutsMidPieceWithLength() throws IOException {
		String body = Raw.post(this.sim.port(), "/v1/chat/completions", chat("small", ", \"max_tokens\": 7")).body();
		assertThat(body)
			.contains("\"finish_reason\": \"length\", \"message\": {\"role\": \"assistant\", "
					+ "\"content\": \"Hello world.Hello world.Hello\"}")
			.contains("\"completion_tokens\": 7, ");
	}

	@Test
	void defaultMaxTokensApplies() throws IOException {
		assertThat(Raw.post(this.sim.port(), "/v1/completions", "{\"prompt\": \"small\"}").body())
			.contains("\"finish_reason\": \"length\"")
			.contains("\"completion_tokens\": 512, ");
	}

	@Test
	void streamFaultsApply() throws IOException {
		this.sim.faults().stopStreamAfterChunks(3);
		String raw = Raw.postRaw(this.sim.port(), "/v1/chat/completions", chat("small", ", \"stream\": true"));
		assertThat(raw.lines().filter((l) -> l.startsWith("data: "))).hasSize(3);
		assertThat(raw).doesNotContain("[DONE]");
	}

	@Test
	void theGenerationIsRecorded() throws IOException {
		Raw.post(this.sim.port(), "/v1/chat/completions", chat("small", ", \"max_tokens\": 7"));
		assertThat(this.sim.generations()).singleElement()
			.satisfies((g) -> assertThat(g.completionTokens()).isEqualTo(7));
	}

}

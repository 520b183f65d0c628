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
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logprobs} and {@code top_logprobs} in mlx-lm's own shape. */
class LogprobsTests {

	final MlxLmSimulator sim = MlxLmSimulator.builder().model("mlx-community/Qwen3-4B-Instruct-2507-4bit").start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> firstChoice(String path, String json) throws IOException {
		Map<String, Object> reply = (Map<String, Object>) PyJson.parse(Raw.post(this.sim.port(), path, json).body());
		return ((List<Map<String, Object>>) reply.get("choices")).get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> content(Map<String, Object> choice) {
		return (List<Map<String, Object>>) ((Map<String, Object>) choice.get("logprobs")).get("content");
	}

	@Test
	void logprobsAloneGiveIdAndLogprobPerCompletionTokenWithoutTokenText() throws IOException {
		Map<String, Object> choice = firstChoice("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": true}");
		List<Map<String, Object>> content = content(choice);
		assertThat(content).hasSize(6); // "This", " is", " a", " test", "!" and the
										// end-of-turn token
		assertThat(content).allSatisfy((entry) -> {
			assertThat(entry).containsOnlyKeys("id", "logprob");
			assertThat(entry.get("id")).isInstanceOf(Long.class);
			assertThat((Double) entry.get("logprob")).isBetween(-1.0, 0.0);
		});
		assertThat(content.get(5)).containsEntry("id", 151645L);
	}

	@Test
	void logprobsComeBetweenFinishReasonAndMessage() throws IOException {
		assertThat(firstChoice("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": true}")
			.keySet()).containsExactly("index", "finish_reason", "logprobs", "message");
	}

	@Test
	@SuppressWarnings("unchecked")
	void topLogprobsRepeatTheFirstTopTokenAndListTheTopTokens() throws IOException {
		List<Map<String, Object>> content = content(firstChoice("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"top_logprobs\": 3}"));
		Map<String, Object> second = content.get(1);
		assertThat(second).containsOnlyKeys("id", "token", "logprob", "top_logprobs")
			.containsEntry("token", "\u0120is");
		List<Map<String, Object>> top = (List<Map<String, Object>>) second.get("top_logprobs");
		assertThat(top).hasSize(3).allSatisfy((t) -> assertThat(t).containsOnlyKeys("id", "token", "logprob"));
		assertThat(top.get(0)).containsEntry("id", second.get("id"))
			.containsEntry("token", "\u0120is")
			.containsEntry("logprob", second.get("logprob"));
		assertThat((Double) top.get(1).get("logprob")).isLessThan((Double) top.get(0).get("logprob"));
	}

	@Test
	void topLogprobsWinOverLogprobs() throws IOException {
		assertThat(content(firstChoice("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": true, \"top_logprobs\": 1}")))
			.allSatisfy((entry) -> assertThat(entry).containsKey("top_logprobs"));
	}

	@Test
	void textCompletionsCarryLogprobsToo() throws IOException {
		assertThat(content(
				firstChoice("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 2, \"logprobs\": true}")))
			.hasSize(2);
	}

	@Test
	void noLogprobsUnlessAsked() throws IOException {
		assertThat(firstChoice("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"logprobs\": false, \"top_logprobs\": 0}"))
			.doesNotContainKey("logprobs");
	}

	@Test
	void streamsNeverCarryLogprobs() throws IOException {
		assertThat(Raw.postRaw(this.sim.port(), "/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": true, \"logprobs\": true, "
						+ "\"top_logprobs\": 5}"))
			.contains("[DONE]")
			.doesNotContain("logprobs");
	}

	@Test
	void valuesAreTheSameForTheSameAnswer() throws IOException {
		String json = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"top_logprobs\": 2}";
		assertThat(content(firstChoice("/v1/chat/completions", json)))
			.isEqualTo(content(firstChoice("/v1/chat/completions", json)));
	}

	@Test
	void tokenTextIsSpelledAsByteLevelBpe() {
		assertThat(Logprobs.bpe(" caf\u00e9\n")).isEqualTo("\u0120caf\u00c3\u00a9\u010a");
		assertThat(Logprobs.bpe("<|im_end|>")).isEqualTo("<|im_end|>");
	}

}

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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code choices[0].logprobs} object of a non-streaming reply, in mlx-lm's own shape
 * (see {@code APIHandler.generate_response}), which is not OpenAI's: with
 * {@code top_logprobs > 0} each entry is the first of the top tokens plus the whole top
 * list,
 * {@code {"id": 785, "token": "This", "logprob": -0.1, "top_logprobs": [{"id": ..., "token": ...,
 * "logprob": ...}, ...]}}; with only {@code logprobs: true} each entry is {@code {"id":
 * 785, "logprob": -0.1}}, with no token text. There is no {@code bytes} field, and
 * streams never carry logprobs. One entry per completion token, end-of-sequence included.
 * <p>
 * The numbers are deterministic stand-ins: ids and values derive from the token text,
 * token texts are spelled as a byte-level BPE vocabulary spells them ({@code Ġ} for a
 * space, {@code Ċ} for a newline), as {@code convert_ids_to_tokens} returns them.
 *
 * @author mlxlm developers
 */
final class Logprobs {

	/* Stand-in alternatives for the top list, with plausible ids. */
	private static final List<String> ALTERNATIVES = List.of(" the", " a", ",", ".", " and", " to", " of", " in", " is",
			"\n", " it", " that");

	private static final List<Integer> ALTERNATIVE_IDS = List.of(279, 264, 11, 13, 323, 311, 315, 304, 374, 198, 432,
			429);

	private static final Map<String, Integer> SPECIAL_IDS = Map.of("<|im_end|>", 151645, "<tool_call>", 151657,
			"</tool_call>", 151658);

	private static final int VOCABULARY = 151643;

	private Logprobs() {
	}

	/*
	 * Builds the object, or {@code null} when the request asked for none.
	 *
	 * @param generated the completion tokens
	 *
	 * @param logprobs the request's {@code logprobs}
	 *
	 * @param topLogprobs the request's {@code top_logprobs} (-1 when absent)
	 */
	static @Nullable Map<String, Object> of(List<String> generated, boolean logprobs, int topLogprobs) {
		if (generated.isEmpty() || (!logprobs && topLogprobs <= 0)) {
			return null;
		}
		List<Object> content = new ArrayList<>();
		for (String token : generated) {
			double logprob = logprob(token);
			if (topLogprobs > 0) {
				List<Object> top = new ArrayList<>();
				top.add(ConnectionHandler.obj("id", id(token), "token", bpe(token), "logprob", logprob));
				for (int i = 0, k = 1; top.size() < topLogprobs && i < ALTERNATIVES.size(); i++) {
					if (!ALTERNATIVES.get(i).equals(token)) {
						top.add(ConnectionHandler.obj("id", ALTERNATIVE_IDS.get(i), "token", bpe(ALTERNATIVES.get(i)),
								"logprob", logprob - 1.25 * k++));
					}
				}
				Map<String, Object> entry = ConnectionHandler.obj("id", id(token), "token", bpe(token), "logprob",
						logprob);
				entry.put("top_logprobs", top);
				content.add(entry);
			}
			else {
				content.add(ConnectionHandler.obj("id", id(token), "logprob", logprob));
			}
		}
		return ConnectionHandler.obj("content", content);
	}

	static int id(String token) {
		Integer special = SPECIAL_IDS.get(token);
		return (special != null) ? special : Math.floorMod(token.hashCode(), VOCABULARY);
	}

	/* A greedy pick's log-probability: between -0.96 and 0, fixed per token. */
	static double logprob(String token) {
		return -Math.floorMod(token.hashCode() * 31 + 7, 97) / 100.0;
	}

	/*
	 * GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves,
	 * others move up.
	 */
	static String bpe(String token) {
		if (SPECIAL_IDS.containsKey(token)) {
			return token;
		}
		StringBuilder sb = new StringBuilder();
		for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
			int v = b & 0xff;
			if ((v >= '!' && v <= '~') || (v >= 0xa1 && v <= 0xac) || (v >= 0xae && v <= 0xff)) {
				sb.append((char) v);
			}
			else {
				int shift = (v <= 0x20) ? v : (v <= 0xa0) ? 33 + v - 0x7f : 67; // 0x00-0x20,
				// 0x7f-0xa0,
				// 0xad
				sb.append((char) (256 + shift));
			}
		}
		return sb.toString();
	}

}

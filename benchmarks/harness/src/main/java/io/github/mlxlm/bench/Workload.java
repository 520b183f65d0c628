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

import io.github.mlxlm.simulator.MlxLmSimulator;

/**
 * The two scripted conversations every contender runs.
 *
 * @author mlxlm developers
 */
final class Workload {

	static final String SHORT_PROMPT = "Say hello in sixteen tokens.";

	/** 16 tokens in the simulator's tokenizer: "Hello" and fifteen " world". */
	static final String SHORT_ANSWER = "Hello" + " world".repeat(15);

	static final int SHORT_MAX_TOKENS = 64;

	static final String LONG_PROMPT = "Count to two thousand.";

	/** 2,000 tokens, so 2,000 content chunks in a stream. */
	static final String LONG_ANSWER = "w" + " w".repeat(1999);

	static final int LONG_CHUNKS = 2000;

	static final int LONG_MAX_TOKENS = 4096;

	static final String MEDIUM_PROMPT = "Count to five hundred.";

	/*
	 * 500 tokens: the concurrency runs' streams (shorter, to keep the whole run under 15
	 * minutes).
	 */
	static final String MEDIUM_ANSWER = "w" + " w".repeat(499);

	static final int MEDIUM_CHUNKS = 500;

	static final int MEDIUM_MAX_TOKENS = 1024;

	private Workload() {
	}

	/*
	 * Zero think time: instant prefill and unlimited tokens per second (0 means instant).
	 */
	static MlxLmSimulator startSimulator() {
		return MlxLmSimulator.builder()
			.model(Contenders.MODEL)
			.script(SHORT_PROMPT, SHORT_ANSWER)
			.script(LONG_PROMPT, LONG_ANSWER)
			.script(MEDIUM_PROMPT, MEDIUM_ANSWER)
			.tokensPerSecond(0)
			.prefillTokensPerSecond(0)
			.start();
	}

}

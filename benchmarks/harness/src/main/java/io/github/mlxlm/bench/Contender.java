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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One way a Java application reaches mlx_lm.server. Every contender sends the same
 * request: the same model id, one user message with the prompt, and the same token
 * budget.
 *
 * @author mlxlm developers
 */
interface Contender extends AutoCloseable {

	String name();

	/* One non-streaming completion; returns the answer text. */
	String call(String prompt, int maxTokens) throws Exception;

	/*
	 * Starts one streaming completion; must not block the caller until the stream ends.
	 */
	void stream(String prompt, int maxTokens, StreamListener listener);

	@Override
	void close();

	/* Streams and waits: returns the timings of one stream. */
	default StreamTiming streamAndWait(String prompt, int maxTokens) throws Exception {
		CompletableFuture<StreamTiming> result = new CompletableFuture<>();
		long start = System.nanoTime();
		stream(prompt, maxTokens, new StreamListener() {
			long first;

			int chunks;

			@Override
			public void chunk(String text) {
				if (this.chunks++ == 0) {
					this.first = System.nanoTime();
				}
			}

			@Override
			public void done() {
				result.complete(new StreamTiming(this.first - start, System.nanoTime() - this.first, this.chunks));
			}

			@Override
			public void error(Throwable error) {
				result.completeExceptionally(error);
			}
		});
		return result.get(120, TimeUnit.SECONDS);
	}

	/* Callbacks of one stream; {@link #chunk} gets each non-empty content delta. */
	interface StreamListener {

		void chunk(String text);

		void done();

		void error(Throwable error);

	}

	/*
	 * Nanoseconds to the first chunk, nanoseconds from the first chunk to the end, and
	 * the count.
	 */
	record StreamTiming(long firstChunkNanos, long restNanos, int chunks) {
	}

}

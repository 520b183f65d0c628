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

/**
 * One finished generation, as the server's log would tell it: what a load balancer test
 * asserts on (did the prompt cache serve this request, and how much of it).
 *
 * @param model the model that generated, as resolved (the start-up model for
 * {@code default_model})
 * @param promptTokens {@code usage.prompt_tokens}
 * @param cachedTokens {@code usage.prompt_tokens_details.cached_tokens}: the prompt
 * tokens the prompt cache served, which took no prefill time
 * @param completionTokens {@code usage.completion_tokens}
 * @param finishReason the reported finish reason
 * @param stream whether the reply was streamed
 * @author mlxlm developers
 * @since 0.1.0
 */
public record GenerationRecord(String model, int promptTokens, int cachedTokens, int completionTokens,
		String finishReason, boolean stream) {

	/**
	 * Whether the prompt cache served any of the prompt.
	 * @return {@code cachedTokens > 0}
	 */
	public boolean cacheHit() {
		return this.cachedTokens > 0;
	}

}

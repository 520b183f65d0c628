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

package io.github.mlxlm.client;

/**
 * Token counts of one completion, from the reply's {@code usage}.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens the sum of both
 * @param cachedTokens prompt tokens served from the server's prompt cache
 * ({@code prompt_tokens_details.cached_tokens}; 0 when absent)
 * @author mlxlm developers
 */
public record MlxLmUsage(long promptTokens, long completionTokens, long totalTokens, long cachedTokens) {

}

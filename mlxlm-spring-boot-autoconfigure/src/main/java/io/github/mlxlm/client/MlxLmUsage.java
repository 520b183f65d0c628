package io.github.mlxlm.client;

import org.jspecify.annotations.Nullable;

/**
 * Token counts of one completion, from the reply's {@code usage}.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens the sum of both
 * @param cachedTokens prompt tokens served from the server's prompt cache
 * ({@code prompt_tokens_details.cached_tokens}), or {@code null} when the server did not
 * say (mlx-lm 0.28)
 * @author mlxlm developers
 */
public record MlxLmUsage(long promptTokens, long completionTokens, long totalTokens, @Nullable Long cachedTokens) {

}

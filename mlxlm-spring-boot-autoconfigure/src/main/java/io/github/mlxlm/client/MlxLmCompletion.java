package io.github.mlxlm.client;

import io.github.mlxlm.api.MlxLmServerIdentity;

import org.jspecify.annotations.Nullable;

/**
 * A whole text completion ({@code POST /v1/completions}).
 *
 * @param id the reply id, such as {@code cmpl-...}
 * @param model the model id the request sent (the server echoes it)
 * @param text the generated text ({@code ""} when the model generated nothing)
 * @param finishReason {@code stop} or {@code length}, or {@code null} if absent
 * @param usage the token counts, or {@code null} if absent
 * @param serverIdentity the server's versions, from {@code system_fingerprint}, or
 * {@code null} if absent
 * @author mlxlm developers
 */
public record MlxLmCompletion(String id, String model, String text, @Nullable String finishReason,
		@Nullable MlxLmUsage usage, @Nullable MlxLmServerIdentity serverIdentity) {

}

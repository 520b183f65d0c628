package io.github.mlxlm.client;

import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed text completion. The last one carries only the usage.
 *
 * @param text this event's part of the text ({@code ""} on the finish and usage events)
 * @param finishReason {@code stop} or {@code length} on the finish event, else
 * {@code null}
 * @param usage the token counts on the last event, else {@code null}
 * @author mlxlm developers
 */
public record MlxLmCompletionChunk(String text, @Nullable String finishReason, @Nullable MlxLmUsage usage) {

}

package io.github.mlxlm.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the simulated model answers to a prompt.
 * @param text the answer text (empty for none: the server then sends {@code "content": null})
 * @param reasoning thinking text, sent as {@code message.reasoning} / {@code delta.reasoning}
 * @param toolCall a tool call, sent as {@code tool_calls} only when the request carries
 * {@code tools} (otherwise the model "writes" it as plain text, as a template without tool support
 * makes it do)
 * @param finishReason a finish reason to report instead of the computed one, or {@code null}
 * @param textChunks how the text streams: one SSE event per chunk (a detokenizer segment may hold
 * several tokens); empty means one event per token
 */
public record Reply(String text, @Nullable String reasoning, @Nullable ToolCall toolCall, @Nullable String finishReason,
		List<String> textChunks) {

	/** Copies the chunk list. */
	public Reply {
		textChunks = List.copyOf(textChunks);
	}

	/**
	 * A reply without explicit chunks.
	 * @param text the answer text
	 * @param reasoning thinking text, or {@code null}
	 * @param toolCall a tool call, or {@code null}
	 * @param finishReason a forced finish reason, or {@code null}
	 */
	public Reply(String text, @Nullable String reasoning, @Nullable ToolCall toolCall, @Nullable String finishReason) {
		this(text, reasoning, toolCall, finishReason, List.of());
	}

	/**
	 * A tool call as the model emits it.
	 * @param name the function name
	 * @param argumentsJson the arguments as a JSON object text; the server re-serialises it
	 * Python-style, e.g. {@code {"city": "Oslo"}}
	 */
	public record ToolCall(String name, String argumentsJson) {
	}

	/**
	 * A plain text answer.
	 * @param text the answer
	 * @return the reply
	 */
	public static Reply text(String text) {
		return new Reply(text, null, null, null);
	}

	/**
	 * A plain text answer streamed in exactly these events, e.g. {@code chunks("This", " is a test!")}.
	 * @param chunks the text pieces, concatenated for the non-streaming reply
	 * @return the reply
	 */
	public static Reply chunks(String... chunks) {
		return new Reply(String.join("", chunks), null, null, null, List.of(chunks));
	}

	/**
	 * A reasoning model's answer.
	 * @param reasoning the thinking text
	 * @param text the answer
	 * @return the reply
	 */
	public static Reply reasoning(String reasoning, String text) {
		return new Reply(text, reasoning, null, null);
	}

	/**
	 * A tool call with no text.
	 * @param name the function name
	 * @param argumentsJson the arguments, a JSON object text
	 * @return the reply
	 */
	public static Reply toolCall(String name, String argumentsJson) {
		return new Reply("", null, new ToolCall(name, argumentsJson), null);
	}

	/**
	 * An empty answer (the model emitted only its end-of-sequence token).
	 * @return the reply
	 */
	public static Reply empty() {
		return new Reply("", null, null, null);
	}

	/**
	 * Copies this reply with a forced finish reason.
	 * @param reason e.g. {@code "length"}
	 * @return the new reply
	 */
	public Reply withFinishReason(String reason) {
		return new Reply(text, reasoning, toolCall, reason, textChunks);
	}
}

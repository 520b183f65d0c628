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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the simulated model answers to a prompt.
 *
 * @param text the answer text (empty for none: the server then sends
 * {@code "content": null})
 * @param reasoning thinking text, sent as {@code message.reasoning} /
 * {@code delta.reasoning}
 * @param toolCall a tool call, sent as {@code tool_calls} only when the request carries
 * {@code tools} (otherwise the model "writes" it as plain text, as a template without
 * tool support makes it do)
 * @param finishReason a finish reason to report instead of the computed one, or
 * {@code null}
 * @param textChunks how the text streams: one SSE event per chunk (a detokenizer segment
 * may hold several tokens); empty means one event per token
 * @param repeat how many times {@code text} is said in a row (1 for an ordinary reply);
 * see {@link #repeated(String, long)}
 * @author mlxlm developers
 * @since 0.1.0
 */
public record Reply(String text, @Nullable String reasoning, @Nullable ToolCall toolCall, @Nullable String finishReason,
		List<String> textChunks, long repeat) {

	/** Copies the chunk list. */
	public Reply {
		textChunks = List.copyOf(textChunks);
		if (repeat < 1) {
			throw new IllegalArgumentException("A reply is said at least once");
		}
	}

	/**
	 * A reply said once.
	 * @param text the answer text
	 * @param reasoning thinking text, or {@code null}
	 * @param toolCall a tool call, or {@code null}
	 * @param finishReason a forced finish reason, or {@code null}
	 * @param textChunks how the text streams
	 */
	public Reply(String text, @Nullable String reasoning, @Nullable ToolCall toolCall, @Nullable String finishReason,
			List<String> textChunks) {
		this(text, reasoning, toolCall, finishReason, textChunks, 1);
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
	 * A plain text answer.
	 * @param text the answer
	 * @return the reply
	 */
	public static Reply text(String text) {
		return new Reply(text, null, null, null);
	}

	/**
	 * A plain text answer streamed in exactly these events, e.g.
	 * {@code chunks("This", " is a test!")}.
	 * @param chunks the text pieces, concatenated for the non-streaming reply
	 * @return the reply
	 */
	public static Reply chunks(String... chunks) {
		return new Reply(String.join("", chunks), null, null, null, List.of(chunks));
	}

	/**
	 * A gigantic answer, for testing how a client copes with many megabytes:
	 * {@code piece} said {@code times} times, streamed one event per piece and written
	 * without ever holding the whole text in memory, e.g.
	 * {@code repeated("x".repeat(1023) + " ", 32 * 1024)} for 32 MiB.
	 * <p>
	 * Each piece counts as many tokens as it has words, and {@code max_tokens} still
	 * applies (the server's default of 512 cuts it short: send a larger
	 * {@code max_tokens}). Stop sequences, logprobs and the prompt cache's record of the
	 * answer do not apply to such a reply; its prompt is cached.
	 * @param piece the text said again and again
	 * @param times how many times
	 * @return the reply
	 */
	public static Reply repeated(String piece, long times) {
		if (piece.isEmpty()) {
			throw new IllegalArgumentException("The repeated piece must not be empty");
		}
		return new Reply(piece, null, null, null, List.of(), times);
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
		return new Reply(this.text, this.reasoning, this.toolCall, reason, this.textChunks, this.repeat);
	}

	/**
	 * A tool call as the model emits it.
	 *
	 * @param name the function name
	 * @param argumentsJson the arguments as a JSON object text; the server re-serialises
	 * it Python-style, e.g. {@code {"city": "Oslo"}}
	 */
	public record ToolCall(String name, String argumentsJson) {
	}
}

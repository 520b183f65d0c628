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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A chat or text completion request after the server's own checks. Those checks end in an
 * uncaught Python exception, which makes the server drop the connection without a reply;
 * here that is {@link Drop}. Type rules follow Python's {@code isinstance}: an int field
 * wants an int literal (Python's {@code bool} is an {@code int}, so {@code true} passes),
 * a float field takes int or float, {@code xtc_*} take float literals only.
 *
 * @param model the {@code model} asked for, or {@code null} for the server's own
 * @param messages the chat messages (empty for a text completion)
 * @param prompt the text completion's prompt (empty for a chat)
 * @param maxTokens the {@code max_tokens} (or {@code max_completion_tokens})
 * @param stream whether the reply is streamed
 * @param streamUsage what {@code stream_options} asks for
 * @param stop the stop sequences
 * @param stopError the error a bad {@code stop} raises once generation starts, or
 * {@code null}
 * @param tools whether tools were given
 * @param toolsJson the {@code tools} as sent, or {@code null}
 * @param seeded whether a {@code seed} was given
 * @param logprobs whether log probabilities are asked for
 * @param topLogprobs how many top log probabilities per token
 * @param promptNotText whether the prompt was sent as something other than text
 * @author mlxlm developers
 */
record CompletionRequest(@Nullable String model, List<Map<String, Object>> messages, String prompt, int maxTokens,
		boolean stream, StreamUsage streamUsage, List<String> stop, @Nullable String stopError, boolean tools,
		@Nullable Object toolsJson, boolean seeded, boolean logprobs, int topLogprobs, boolean promptNotText) {

	/**
	 * What the Rust tokenizer raises for a str it cannot convert (a lone surrogate) or a
	 * value that is no str: it tries a str, then a pair, and reports the union it
	 * expected.
	 */
	static final String TOKENIZER_STR_ERROR = "TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]";

	private static final List<String> INT_FIELDS = List.of("top_k", "repetition_context_size", "presence_context_size",
			"frequency_context_size", "num_draft_tokens", "seed", "top_logprobs");

	private static final List<String> NUMBER_FIELDS = List.of("temperature", "top_p", "min_p", "repetition_penalty",
			"presence_penalty", "frequency_penalty");

	private static final List<String> STRING_FIELDS = List.of("model", "adapters", "draft_model");

	private static final List<String> OBJECT_FIELDS = List.of("chat_template_kwargs", "role_mapping", "logit_bias");

	static CompletionRequest parse(Map<String, Object> body, boolean chat) throws Drop {
		rejectNulls(body);
		for (String f : STRING_FIELDS) {
			type(body, f, String.class);
		}
		for (String f : OBJECT_FIELDS) {
			type(body, f, Map.class);
		}
		for (String f : INT_FIELDS) {
			if (body.containsKey(f) && !isInt(body.get(f))) {
				throw new Drop(f + " must be an int");
			}
		}
		for (String f : NUMBER_FIELDS) {
			if (body.containsKey(f) && !isNumber(body.get(f))) {
				throw new Drop(f + " must be a number");
			}
		}
		for (String f : List.of("xtc_probability", "xtc_threshold")) {
			if (body.containsKey(f) && !(body.get(f) instanceof Double)) {
				throw new Drop(f + " must be a float");
			}
		}
		for (String f : List.of("stream", "logprobs")) {
			type(body, f, Boolean.class);
		}
		type(body, "tools", List.class);
		// Python compares with < and >: Infinity passes an open upper bound and NaN
		// passes every bound.
		range(body, "temperature", 0, Double.POSITIVE_INFINITY);
		range(body, "top_p", 0, 1);
		range(body, "min_p", 0, 1);
		range(body, "top_k", 0, Double.POSITIVE_INFINITY);
		range(body, "repetition_penalty", 0, Double.POSITIVE_INFINITY);
		for (String f : List.of("repetition_context_size", "presence_context_size", "frequency_context_size",
				"num_draft_tokens")) {
			range(body, f, 0, Double.POSITIVE_INFINITY);
		}
		if (!(body.get("top_logprobs") instanceof Long l && l == -1)) { // -1 is
																		// whitelisted:
																		// "none"
			range(body, "top_logprobs", 0, 11);
		}
		range(body, "xtc_probability", 0, 1);
		range(body, "xtc_threshold", 0, 0.5);
		if (body.get("logit_bias") instanceof Map<?, ?> bias) {
			for (Map.Entry<?, ?> e : bias.entrySet()) {
				if (!String.valueOf(e.getKey()).trim().matches("[+-]?\\d+") || !isNumber(e.getValue())) {
					throw new Drop("logit_bias keys must be token ids and values numbers");
				}
			}
		}

		Object maxObj = body.containsKey("max_completion_tokens") ? body.get("max_completion_tokens")
				: body.getOrDefault("max_tokens", 512L);
		if (body.containsKey("max_tokens") && !isInt(body.get("max_tokens"))) {
			throw new Drop("max_tokens must be an int");
		}
		if (!isInt(maxObj) || intValue(maxObj) < 0) {
			throw new Drop("max_tokens must be a non-negative integer");
		}
		int maxTokens = (int) Math.min(Integer.MAX_VALUE, intValue(maxObj));

		StreamUsage usage = StreamUsage.NONE;
		if (body.containsKey("stream_options")) {
			if (!(body.get("stream_options") instanceof Map<?, ?> options)) {
				throw new Drop("stream_options must be an object");
			}
			if (!options.containsKey("include_usage")) {
				usage = StreamUsage.BROKEN;
			}
			else if (!(options.get("include_usage") instanceof Boolean include)) {
				throw new Drop("include_usage must be a bool");
			}
			else {
				usage = include ? StreamUsage.INCLUDE : StreamUsage.NONE;
			}
		}

		// The server does not validate "stop": what it cannot use fails later, in the
		// generation thread.
		List<String> stop = new ArrayList<>();
		String stopError = null;
		Object stopObj = body.get("stop");
		if (stopObj instanceof String str) {
			if (!str.isEmpty()) {
				stop.add(str);
			}
		}
		else if (stopObj instanceof List<?> || stopObj instanceof Map<?, ?>) {
			Iterable<?> words = (stopObj instanceof Map<?, ?> map) ? map.keySet() : (List<?>) stopObj;
			// The words are first a cache key (hashing fails on a list or dict), then
			// encoded one by one.
			for (Object o : words) {
				if (o instanceof String word) {
					stop.add(word);
				}
				else if (o instanceof List<?> || o instanceof Map<?, ?>) {
					stopError = "unhashable type: '" + pyType(o) + "'";
					break;
				}
				else if (stopError == null) {
					stopError = TOKENIZER_STR_ERROR;
				}
			}
		}
		else if (stopObj != null && truthy(stopObj)) {
			stopError = "'" + pyType(stopObj) + "' object is not iterable";
		}
		if (stopError == null && stop.stream().anyMatch(CompletionRequest::hasLoneSurrogate)) {
			stopError = TOKENIZER_STR_ERROR;
		}

		List<Map<String, Object>> messages = new ArrayList<>();
		String prompt = "";
		boolean promptNotText = false;
		if (chat) {
			if (!(body.get("messages") instanceof List<?> list)) {
				throw new Drop("messages missing or not a list");
			}
			for (Object o : list) {
				if (!(o instanceof Map<?, ?> m)) {
					throw new Drop("message must be an object");
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> message = (Map<String, Object>) m;
				checkContent(message.get("content"));
				messages.add(message);
			}
		}
		else {
			Object p = body.get("prompt");
			if (p instanceof List<?>) {
				// Taken as it is; the tokenizer fails on it inside the generation's try:
				// 404 with the tokenizer's text.
				promptNotText = true;
			}
			else if (p instanceof String text) {
				prompt = text;
			}
			else {
				throw new Drop("prompt missing or not a string");
			}
		}
		boolean tools = body.get("tools") instanceof List<?> t && !t.isEmpty();
		int topLogprobs = body.containsKey("top_logprobs") ? (int) intValue(body.get("top_logprobs")) : -1;
		return new CompletionRequest((String) body.get("model"), messages, prompt, maxTokens,
				Boolean.TRUE.equals(body.get("stream")), usage, stop, stopError, tools,
				tools ? body.get("tools") : null, body.containsKey("seed"), Boolean.TRUE.equals(body.get("logprobs")),
				topLogprobs, promptNotText);
	}

	private static void checkContent(@Nullable Object content) throws Drop {
		if (content == null || content instanceof String) {
			return;
		}
		if (!(content instanceof List<?> parts)) {
			throw new Drop("content must be a string or a list");
		}
		for (Object part : parts) {
			if (!(part instanceof Map<?, ?> p) || (p.containsKey("type") && !(p.get("type") instanceof String))) {
				throw new Drop("content part must be an object with a string type");
			}
			if ("text".equals(p.get("type")) && p.containsKey("text") && !(p.get("text") instanceof String)) {
				throw new Drop("text part must carry text");
			}
		}
	}

	/**
	 * What the generation thread raises while preparing the messages, in its order:
	 * {@code process_message_content} reads each part's {@code type} and each text part's
	 * {@code text} (a KeyError's text is the quoted key), rejects non-text parts, then
	 * {@code apply_chat_template} reads {@code messages[0]} and {@code _tokenize} reads
	 * {@code messages[-1]["role"]}. The server answers the text as a 404.
	 * @return the error text, or {@code null} when the messages are fine
	 */
	@Nullable String messagesError() {
		for (Map<String, Object> m : this.messages) {
			if (m.get("content") instanceof List<?> parts) {
				boolean nonText = false;
				for (Object part : parts) {
					Map<?, ?> p = (Map<?, ?>) part;
					if (!p.containsKey("type")) {
						return "'type'";
					}
					if (!"text".equals(p.get("type"))) {
						nonText = true;
					}
					else if (!p.containsKey("text")) {
						return "'text'";
					}
				}
				if (nonText) {
					return "Only 'text' content type is supported.";
				}
			}
		}
		if (this.messages.isEmpty()) {
			// transformers' apply_chat_template looks at conversation[0] (is it a
			// batch?) first
			return "list index out of range";
		}
		if (!this.messages.get(this.messages.size() - 1).containsKey("role")) {
			return "'role'";
		}
		return null;
	}

	/**
	 * Whether text the tokenizer must encode holds a lone UTF-16 surrogate
	 * ({@code "\ud800"} is valid JSON and a valid Python str, but the Rust tokenizer
	 * cannot take it as a Rust string).
	 * @param rendered the prompt as rendered for the model
	 */
	boolean promptHasLoneSurrogate(String rendered) {
		return hasLoneSurrogate(rendered)
				|| (this.toolsJson != null && hasLoneSurrogate(PyJson.writeUnicode(this.toolsJson)));
	}

	/** Python's {@code type(o).__name__} for a parsed JSON value. */
	private static String pyType(Object o) {
		if (o instanceof Boolean) {
			return "bool";
		}
		if (o instanceof Double) {
			return "float";
		}
		if (o instanceof Number) {
			return "int";
		}
		return (o instanceof List<?>) ? "list" : (o instanceof Map<?, ?>) ? "dict" : "str";
	}

	private static boolean truthy(Object o) {
		return !(Boolean.FALSE.equals(o) || (o instanceof Number n && n.doubleValue() == 0));
	}

	static boolean hasLoneSurrogate(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/** The text of the last message (a user message, or a tool result), or the prompt. */
	String latestMessage() {
		if (this.messages.isEmpty()) {
			return this.prompt;
		}
		return Generator.contentText(this.messages.get(this.messages.size() - 1));
	}

	String lastUserMessage() {
		if (this.messages.isEmpty()) {
			return this.prompt;
		}
		String last = "";
		for (Map<String, Object> m : this.messages) {
			if ("user".equals(m.get("role"))) {
				last = Generator.contentText(m);
			}
		}
		return last;
	}

	String promptText() {
		if (this.messages.isEmpty()) {
			return this.prompt;
		}
		StringBuilder sb = new StringBuilder();
		for (Map<String, Object> m : this.messages) {
			sb.append(Generator.contentText(m)).append('\n');
		}
		return sb.toString();
	}

	private static void rejectNulls(@Nullable Object value) throws Drop {
		if (value == PyJson.NULL) {
			throw new Drop("null value");
		}
		if (value instanceof Map<?, ?> map) {
			for (Object v : map.values()) {
				rejectNulls(v);
			}
		}
		else if (value instanceof List<?> list) {
			for (Object v : list) {
				rejectNulls(v);
			}
		}
	}

	private static void type(Map<String, Object> body, String field, Class<?> type) throws Drop {
		if (body.containsKey(field) && !type.isInstance(body.get(field))) {
			throw new Drop(field + " must be a " + type.getSimpleName());
		}
	}

	private static void range(Map<String, Object> body, String field, double min, double max) throws Drop {
		if (body.get(field) instanceof Number n && (n.doubleValue() < min || n.doubleValue() > max)) {
			throw new Drop(field + " out of range");
		}
		if (body.get(field) instanceof Boolean b && ((b ? 1 : 0) < min || (b ? 1 : 0) > max)) {
			throw new Drop(field + " out of range");
		}
	}

	static boolean isInt(@Nullable Object o) {
		return o instanceof Long || o instanceof BigInteger || o instanceof Boolean;
	}

	static boolean isNumber(@Nullable Object o) {
		return isInt(o) || o instanceof Double;
	}

	static long intValue(Object o) {
		if (o instanceof Boolean b) {
			return b ? 1 : 0;
		}
		if (o instanceof BigInteger big) {
			return (big.signum() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return ((Number) o).longValue();
	}

	/** What {@code stream_options} asks for. */
	enum StreamUsage {

		/** No {@code stream_options}, or {@code include_usage: false}. */
		NONE,
		/** {@code include_usage: true}. */
		INCLUDE,
		/**
		 * {@code stream_options} without {@code include_usage}: the server's KeyError
		 * ends the stream.
		 */
		BROKEN

	}

	/** The server would raise: close the connection with no reply. */
	static final class Drop extends Exception {

		private static final long serialVersionUID = 1L;

		Drop(String why) {
			super(why, null, false, false);
		}

	}
}

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

package io.github.mlxlm.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reply reduced to what must be the same on every conforming server: the status line,
 * the header names in order (with the values that are not volatile), whether
 * {@code Content-Length} is there, the JSON exactly as written (key order, separators,
 * number formatting, escaping) with volatile values replaced by their type, and SSE
 * framing with runs of like chunks folded (the two tokenizers cut text differently). A
 * connection closed without a reply is {@code DROPPED}.
 *
 * @author mlxlm developers
 */
final class WireShape {

	/** Values that differ by nature: ids, times, versions, generated text and counts. */
	static final Set<String> VOLATILE = Set.of("id", "created", "system_fingerprint", "content", "text", "reasoning",
			"arguments", "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens", "token_logprobs",
			"tokens", "top_logprobs", "logprob", "logprobs", "token", "bytes");

	private WireShape() {
	}

	/**
	 * Reduce a reply.
	 * @param reply the bytes the server wrote
	 * @return its shape, one line per element
	 */
	static String of(byte[] reply) {
		if (reply.length == 0) {
			return "DROPPED";
		}
		String text = new String(reply, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return "PARTIAL HEAD: " + text;
		}
		StringBuilder shape = new StringBuilder();
		String[] head = text.substring(0, end).split("\r\n");
		shape.append(head[0]).append('\n');
		boolean eventStream = false;
		for (int i = 1; i < head.length; i++) {
			int colon = head[i].indexOf(':');
			String name = head[i].substring(0, colon);
			String value = head[i].substring(colon + 1).strip();
			switch (name) {
				case "Date" -> value = "<date>";
				case "Server" -> value = value.replaceAll("Python/[\\d.]+", "Python/<version>");
				case "Content-Length" -> value = "<length>";
				default -> {
				}
			}
			eventStream |= value.startsWith("text/event-stream");
			shape.append(name).append(": ").append(value).append('\n');
		}
		String body = text.substring(end + 4);
		shape.append('\n').append(eventStream ? sse(body) : body(body));
		return shape.toString();
	}

	private static String body(String body) {
		String stripped = body.strip();
		if (stripped.startsWith("{") || stripped.startsWith("[")) {
			return json(body);
		}
		return body;
	}

	private static String sse(String body) {
		List<String> events = new ArrayList<>();
		int start = 0;
		while (start < body.length()) {
			int end = body.indexOf("\n\n", start);
			if (end < 0) {
				events.add("UNTERMINATED EVENT: " + body.substring(start));
				break;
			}
			String event = body.substring(start, end);
			if (event.startsWith(": keepalive ")) {
				event = event.replaceAll("\\d+", "<n>");
			}
			else if (event.startsWith("data: {")) {
				event = "data: " + json(event.substring(6));
			}
			events.add(event);
			start = end + 2;
		}
		StringBuilder shape = new StringBuilder();
		String previous = null;
		for (String event : events) {
			if (event.equals(previous)) {
				continue; // a run of like events is one
			}
			shape.append(event).append("\n\n");
			previous = event;
		}
		return shape.toString();
	}

	/**
	 * Rewrite JSON with the values of volatile keys replaced by their type, everything
	 * else (keys, order, separators, escapes, numbers as written) kept.
	 */
	static String json(String json) {
		StringBuilder out = new StringBuilder();
		new Scanner(json, out).value(false);
		return out.toString();
	}

	private static final class Scanner {

		private final String in;

		private final StringBuilder out;

		private int pos;

		Scanner(String in, StringBuilder out) {
			this.in = in;
			this.out = out;
		}

		void value(boolean volatileValue) {
			whitespace();
			if (this.pos >= this.in.length()) {
				return;
			}
			char c = this.in.charAt(this.pos);
			if (c == '{') {
				object(volatileValue);
			}
			else if (c == '[') {
				array(volatileValue);
			}
			else if (c == '"') {
				String string = string();
				this.out.append(volatileValue ? "<str>" : string);
			}
			else {
				int start = this.pos;
				while (this.pos < this.in.length() && ",}] \n\r\t".indexOf(this.in.charAt(this.pos)) < 0) {
					this.pos++;
				}
				String literal = this.in.substring(start, this.pos);
				boolean number = !literal.isEmpty()
						&& (Character.isDigit(literal.charAt(0)) || literal.charAt(0) == '-');
				if (volatileValue && number) {
					this.out.append(literal.matches("-?\\d+") ? "<int>" : "<float>");
				}
				else {
					this.out.append(literal);
				}
			}
		}

		private void object(boolean volatileValue) {
			copy(); // {
			while (this.pos < this.in.length()) {
				whitespaceCopied();
				char c = this.in.charAt(this.pos);
				if (c == '}') {
					copy();
					return;
				}
				String key = string();
				this.out.append(key);
				whitespaceCopied();
				copy(); // :
				whitespaceCopied();
				String name = key.substring(1, key.length() - 1);
				value(volatileValue || VOLATILE.contains(name));
				whitespaceCopied();
				if (this.pos < this.in.length() && this.in.charAt(this.pos) == ',') {
					copy();
				}
			}
		}

		private void array(boolean volatileValue) {
			copy(); // [
			if (volatileValue) {
				// A volatile array (logprobs, tokens): its length and items vary.
				int depth = 1;
				while (this.pos < this.in.length() && depth > 0) {
					char c = this.in.charAt(this.pos++);
					if (c == '"') {
						this.pos--;
						string();
					}
					else if (c == '[') {
						depth++;
					}
					else if (c == ']') {
						depth--;
					}
				}
				this.out.append("<items>]");
				return;
			}
			while (this.pos < this.in.length()) {
				whitespaceCopied();
				if (this.in.charAt(this.pos) == ']') {
					copy();
					return;
				}
				value(false);
				whitespaceCopied();
				if (this.pos < this.in.length() && this.in.charAt(this.pos) == ',') {
					copy();
				}
			}
		}

		private String string() {
			int start = this.pos++;
			while (this.pos < this.in.length()) {
				char c = this.in.charAt(this.pos++);
				if (c == '\\') {
					this.pos++;
				}
				else if (c == '"') {
					break;
				}
			}
			return this.in.substring(start, this.pos);
		}

		private void copy() {
			this.out.append(this.in.charAt(this.pos++));
		}

		private void whitespace() {
			whitespaceCopied();
		}

		private void whitespaceCopied() {
			while (this.pos < this.in.length() && Character.isWhitespace(this.in.charAt(this.pos))) {
				copy();
			}
		}

	}

}

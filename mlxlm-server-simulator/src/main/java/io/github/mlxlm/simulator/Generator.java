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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The deterministic "model": renders a prompt, tokenizes it, picks a scripted or default
 * reply, and cuts it by {@code max_tokens} and stop sequences. The prompt cache is
 * {@link PromptCache}'s.
 *
 * @author mlxlm developers
 */
final class Generator {

	/*
	 * Special tokens count as one; otherwise words and symbols (with their leading
	 * space), and newlines.
	 */
	private static final Pattern TOKEN = Pattern
		.compile("<\\|[^|\\s]*\\|>|[ \\t]*[\\p{L}\\p{N}_]+|[ \\t]*(?!<\\|)[^\\s\\p{L}\\p{N}_]|\\s+");

	private static final String EOS = "<|im_end|>";

	private final List<Script> scripts;

	private final Reply defaultReply;

	private final boolean wholePrompt;

	Generator(List<Script> scripts, Reply defaultReply) {
		this(scripts, defaultReply, false);
	}

	Generator(List<Script> scripts, Reply defaultReply, boolean wholePrompt) {
		this.wholePrompt = wholePrompt;
		this.scripts = List.copyOf(scripts);
		this.defaultReply = defaultReply;
	}

	static List<String> tokenize(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher m = TOKEN.matcher(text);
		while (m.find()) {
			tokens.add(m.group());
		}
		return tokens;
	}

	/*
	 * Renders chat messages ChatML-style, as Qwen's template does, with the generation
	 * prompt.
	 */
	static String renderChat(List<Map<String, Object>> messages, boolean tools) {
		StringBuilder sb = new StringBuilder();
		if (tools) {
			sb.append("<|im_start|>system\n# Tools\n<tools></tools><|im_end|>\n");
		}
		for (Map<String, Object> message : messages) {
			sb.append("<|im_start|>")
				.append(message.getOrDefault("role", "user"))
				.append('\n')
				.append(contentText(message))
				.append("<|im_end|>\n");
		}
		return sb.append("<|im_start|>assistant\n").toString();
	}

	/* The text of a message: a string, or its text parts joined. */
	static String contentText(Map<String, Object> message) {
		Object content = message.get("content");
		if (content instanceof String s) {
			return s;
		}
		StringBuilder sb = new StringBuilder();
		if (content instanceof List<?> parts) {
			for (Object part : parts) {
				if (part instanceof Map<?, ?> p && p.get("text") instanceof String t) {
					sb.append(t);
				}
			}
		}
		return sb.toString();
	}

	/*
	 * Picks the reply: the first script whose trigger equals the latest message, else the
	 * first one the latest message contains. The latest message is the last user message,
	 * or the tool result when the request ends with one, so that a script that asks for a
	 * tool does not match the follow-up that answers it. With whole-prompt matching, the
	 * first script the last user message equals, else the first the prompt contains.
	 */
	Reply choose(String latestMessage, String lastUserMessage, String promptText) {
		String exact = this.wholePrompt ? lastUserMessage : latestMessage;
		String searched = this.wholePrompt ? promptText : latestMessage;
		for (Script script : this.scripts) {
			if (script.trigger().equals(exact)) {
				return script.reply();
			}
		}
		for (Script script : this.scripts) {
			if (searched.contains(script.trigger())) {
				return script.reply();
			}
		}
		return this.defaultReply;
	}

	/*
	 * Plans a completion.
	 *
	 * @param promptRendered the prompt as the model sees it (template applied)
	 *
	 * @param reply the reply to produce
	 *
	 * @param tools whether the request carries tools
	 *
	 * @param maxTokens the token budget
	 *
	 * @param stops stop sequences
	 */
	Plan plan(String promptRendered, Reply reply, boolean tools, int maxTokens, List<String> stops) {
		List<String> prompt = tokenize(promptRendered);

		Reply.ToolCall toolCall = reply.toolCall();
		String text = reply.text();
		if (toolCall != null && !tools) {
			// Without tools the template does not parse the call: the model's raw text
			// comes through.
			text = text + "<tool_call>\n{\"name\": " + PyJson.write(toolCall.name()) + ", \"arguments\": "
					+ PyJson.writeUnicode(PyJson.parse(toolCall.argumentsJson())) + "}\n</tool_call>";
			toolCall = null;
		}
		// Each planned chunk is a list of tokens that stream as one event (a
		// detokenizer segment).
		List<Kind> kinds = new ArrayList<>();
		List<List<String>> chunks = new ArrayList<>();
		if (reply.reasoning() != null) {
			for (String t : tokenize(reply.reasoning())) {
				kinds.add(Kind.REASONING);
				chunks.add(List.of(t));
			}
		}
		if (toolCall == reply.toolCall() && !reply.textChunks().isEmpty()) {
			for (String chunk : reply.textChunks()) {
				kinds.add(Kind.CONTENT);
				chunks.add(tokenize(chunk));
			}
		}
		else {
			for (String t : tokenize(text)) {
				kinds.add(Kind.CONTENT);
				chunks.add(List.of(t));
			}
		}
		List<String> toolTokens = new ArrayList<>();
		if (toolCall != null) {
			toolTokens.add("<tool_call>");
			toolTokens.addAll(tokenize(toolCall.name() + toolCall.argumentsJson()));
			toolTokens.add("</tool_call>");
		}

		// First pass: consume tokens until the budget, a stop sequence or the end.
		List<Emission> consumed = new ArrayList<>();
		List<String> generated = new ArrayList<>();
		StringBuilder content = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		int count = 0;
		String finish = null;
		outer: for (int c = 0; c < chunks.size(); c++) {
			Kind kind = kinds.get(c);
			StringBuilder segment = new StringBuilder();
			for (String token : chunks.get(c)) {
				if (count >= maxTokens) {
					finish = "length";
				}
				else {
					count++;
					generated.add(token);
					segment.append(token);
					if (kind == Kind.REASONING) {
						reasoning.append(token);
						continue;
					}
					content.append(token);
					int cut = firstStop(content, stops);
					if (cut < 0) {
						continue;
					}
					content.setLength(cut);
					finish = "stop";
				}
				consumed.add(new Emission(kind, segment.toString()));
				break outer;
			}
			consumed.add(new Emission(kind, segment.toString()));
		}
		// Second pass: the server holds back text that may start a stop sequence, so the
		// stream carries exactly the final (cut) content.
		List<Emission> out = new ArrayList<>();
		int position = 0;
		for (Emission e : consumed) {
			if (e.kind() == Kind.CONTENT) {
				int end = Math.min(position + e.text().length(), content.length());
				String piece = (position < end) ? content.substring(position, end) : "";
				position += e.text().length();
				if (!piece.isEmpty()) {
					out.add(new Emission(Kind.CONTENT, piece));
				}
			}
			else if (!e.text().isEmpty()) {
				out.add(e);
			}
		}
		if (finish == null && toolCall != null) {
			if (count + toolTokens.size() > maxTokens) {
				generated.addAll(toolTokens.subList(0, maxTokens - count));
				count = maxTokens;
				finish = "length";
				toolCall = null;
			}
			else {
				count += toolTokens.size();
				generated.addAll(toolTokens);
				out.add(new Emission(Kind.TOOL, ""));
			}
		}
		if (finish == null) {
			if (count >= maxTokens) {
				finish = "length";
			}
			else {
				count++; // the end-of-sequence token
				generated.add(EOS);
				finish = (toolCall != null) ? "tool_calls" : "stop";
			}
		}
		if (reply.finishReason() != null) {
			finish = reply.finishReason();
		}
		return new Plan(out, content.toString(), reasoning.toString(), toolCall, finish, prompt, generated);
	}

	private static int firstStop(CharSequence text, List<String> stops) {
		int best = -1;
		String s = text.toString();
		for (String stop : stops) {
			if (stop.isEmpty()) {
				continue;
			}
			int i = s.indexOf(stop);
			if (i >= 0 && (best < 0 || i < best)) {
				best = i;
			}
		}
		return best;
	}

	/*
	 * A script entry: the latest message equals its trigger or contains it (or, when
	 * scripts match the whole prompt, the prompt contains it).
	 */
	record Script(String trigger, Reply reply) {
	}

	enum Kind {

		REASONING, CONTENT, TOOL

	}

	/* One piece of output, a stream chunk. */
	record Emission(Kind kind, String text) {
	}

	/*
	 * Everything one request produces.
	 *
	 * @param prompt the prompt tokens
	 *
	 * @param generated the completion tokens, one per counted token (end-of-sequence
	 * included)
	 */
	record Plan(List<Emission> emissions, String content, String reasoning, Reply.@Nullable ToolCall toolCall,
			String finishReason, List<String> prompt, List<String> generated) {

		int promptTokens() {
			return this.prompt.size();
		}

		int completionTokens() {
			return this.generated.size();
		}

		/* What the prompt cache holds once the generation is done. */
		List<String> cacheKey() {
			List<String> key = new ArrayList<>(this.prompt);
			key.addAll(this.generated);
			return key;
		}
	}

}

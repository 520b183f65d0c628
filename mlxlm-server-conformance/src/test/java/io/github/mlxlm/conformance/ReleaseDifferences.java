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

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the differential ring knows of the wire beyond the newest release: where an older
 * mlx-lm release answers differently (each as a rewrite of the newest release's reply
 * shape, so that every other byte is still compared), and where the real-server kit's
 * stand-ins differ from a Mac (the kit's own list of artefacts). The simulator follows
 * the newest release on a Mac; {@code docs/wire-contract.md} lists both.
 *
 * @author mlxlm developers
 */
final class ReleaseDifferences {

	static final String CHUNKED = "POST chunked, no Content-Length";

	/**
	 * An expected shape: any 200 reply (where the newest release drops the connection).
	 */
	static final String ANSWERED = "HTTP/1.0 200 OK (any)";

	static final List<Difference> DIFFERENCES = List.of(
			new Difference("0.0.0", "0.31.0", "usage has no prompt_tokens_details (no cached_tokens)",
					all((shape) -> shape.replace(", \"prompt_tokens_details\": {\"cached_tokens\": <int>}", ""))),
			new Difference("0.0.0", "0.31.0", "a POST without Content-Length (chunked) is dropped, not answered 411",
					only(CHUNKED, (shape) -> "DROPPED")),
			new Difference("0.0.0", "0.31.0", "a JSON body that is not an object is dropped, not answered 400",
					only("chat: a JSON list", (shape) -> "DROPPED")),
			new Difference("0.0.0", "0.31.0",
					"the kit's chatml tool call is not parsed: it arrives as text, finish_reason stop",
					(request, shape) -> request.contains("scripted tool call") ? toolCallAsText(shape) : shape),
			new Difference("0.0.0", "0.32.0", "a message without text has no \"content\" key, not \"content\": null",
					all((shape) -> shape.replace("\"content\": null, ", ""))),
			new Difference("0.30.0", "0.31.0",
					"every message and delta carries \"reasoning\" and \"tool_calls\", empty or not; the finishing"
							+ " delta repeats them with empty content",
					all(ReleaseDifferences::reasoningAndToolCallsAlways)),
			new Difference("0.0.0", "0.30.0",
					"every non-streaming choice carries logprobs (token_logprobs, top_logprobs, tokens); every message"
							+ " and delta carries \"tool_calls\"; the finishing delta repeats them with empty content",
					all(ReleaseDifferences::logprobsAndToolCallsAlways)),
			new Difference("0.0.0", "0.30.0", "top_logprobs over 11 and logprobs on /v1/completions are accepted",
					(request,
							shape) -> (request.equals("chat: top_logprobs 20")
									|| request.equals("completion: logprobs")) ? ANSWERED : shape),
			new Difference("0.0.0", "0.30.0",
					"errors raised while generating are sent as plain text, not {\"error\": ...}",
					all(ReleaseDifferences::plainTextErrors)),
			new Difference("0.0.0", "0.30.0",
					"a body that is not JSON gets its error text before the status line (no HTTP head)",
					(request, shape) -> (request.equals("chat: not JSON") || request.equals("chat: an empty body"))
							? "PARTIAL HEAD: " + shape.substring(shape.indexOf("\n\n") + 2) : shape));

	/**
	 * Where the kit is not a Mac (its README lists them), per request of the battery.
	 */
	static final Map<String, String> KIT_ARTEFACTS = Map.of("chat: a lone surrogate",
			"tokenizer error texts are the stand-in's (Python's utf-8 codec message; Hugging Face's TextEncodeInput"
					+ " message on a Mac, which the simulator sends)",
			"completion: prompt as a list",
			"tokenizer error texts are the stand-in's ('list' object has no attribute 'find'; a Mac's tokenizer"
					+ " fails with its own text, which the simulator sends as for any text it cannot encode)",
			"chat: max_tokens 0",
			"the kit's tiny model is not batchable, so mlx-lm serves it on its single-request path, which fails"
					+ " on 0 tokens before any reply (the connection drops); a Mac's batch path generates one token, as"
					+ " the simulator does",
			"chat: stop as a number (kills the generation thread)",
			"on the kit's single-request path a stop that is not a string or list is a 404 ('int' object is not"
					+ " iterable); on a Mac's batch path it kills the generation thread, and this and every later"
					+ " generation hang while /health answers, as the simulator does (not exchanged with it)");

	private ReleaseDifferences() {
	}

	/**
	 * Return the shape an older release should answer.
	 * @param request the request's name
	 * @param version the older release's version
	 * @param newest the newest release's reply shape
	 * @return the expected shape
	 */
	static String expected(String request, String version, String newest) {
		String shape = newest;
		for (Difference difference : DIFFERENCES) {
			if (applies(difference, version)) {
				shape = difference.rewrite().apply(request, shape);
			}
		}
		return shape;
	}

	static boolean applies(Difference difference, String version) {
		String key = RealServerKit.versionKey(version);
		return key.compareTo(RealServerKit.versionKey(difference.until())) < 0
				&& key.compareTo(RealServerKit.versionKey(difference.since())) >= 0;
	}

	/**
	 * Return whether an older release generates other text than the newest for a request:
	 * its reply is then compared by shape only.
	 * @param request the request's name
	 * @param version the release
	 * @return whether the text differs
	 */
	static boolean textDiffers(String request, String version) {
		return request.contains("scripted tool call")
				&& RealServerKit.versionKey(version).compareTo(RealServerKit.versionKey("0.31.0")) < 0;
	}

	static @Nullable String artefact(String request) {
		return KIT_ARTEFACTS.get(request);
	}

	private static Rewrite all(UnaryOperator<String> rewrite) {
		return (request, shape) -> rewrite.apply(shape);
	}

	private static Rewrite only(String request, UnaryOperator<String> rewrite) {
		return (name, shape) -> name.equals(request) ? rewrite.apply(shape) : shape;
	}

	private static final Pattern MESSAGE = Pattern
		.compile("\"message\": \\{\"role\": \"assistant\", \"content\": (<str>|null)\\}");

	private static final Pattern DELTA = Pattern
		.compile("\"delta\": \\{\"role\": \"assistant\", \"content\": <str>\\}");

	private static final Pattern COMPLETION_CHOICE = Pattern
		.compile("(\"finish_reason\": \"[a-z_]+\"), \"text\": <str>");

	private static final String FINISH_DELTA = "\"delta\": {\"role\": \"assistant\"}";

	private static String reasoningAndToolCallsAlways(String shape) {
		shape = MESSAGE.matcher(shape)
			.replaceAll((m) -> Matcher.quoteReplacement("\"message\": {\"role\": \"assistant\", \"content\": "
					+ m.group(1) + ", \"reasoning\": <str>, \"tool_calls\": []}"));
		shape = DELTA.matcher(shape)
			.replaceAll(Matcher.quoteReplacement(
					"\"delta\": {\"role\": \"assistant\", \"content\": <str>, \"reasoning\": <str>, \"tool_calls\": []}"));
		return shape.replace(FINISH_DELTA,
				"\"delta\": {\"role\": \"assistant\", \"content\": <str>, \"reasoning\": <str>, \"tool_calls\": []}");
	}

	private static String logprobsAndToolCallsAlways(String shape) {
		String logprobs = "\"logprobs\": {\"token_logprobs\": [<items>], \"top_logprobs\": [<items>], \"tokens\": [<items>]}";
		shape = shape.replace("\"logprobs\": {\"content\": [<items>]}, ", "");
		shape = MESSAGE.matcher(shape)
			.replaceAll((m) -> Matcher.quoteReplacement(logprobs
					+ ", \"message\": {\"role\": \"assistant\", \"content\": " + m.group(1) + ", \"tool_calls\": []}"));
		if (!shape.contains("text/event-stream")) {
			shape = COMPLETION_CHOICE.matcher(shape)
				.replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + ", " + logprobs + ", \"text\": <str>"));
		}
		shape = DELTA.matcher(shape)
			.replaceAll(Matcher
				.quoteReplacement("\"delta\": {\"role\": \"assistant\", \"content\": <str>, \"tool_calls\": []}"));
		return shape.replace(FINISH_DELTA,
				"\"delta\": {\"role\": \"assistant\", \"content\": <str>, \"tool_calls\": []}");
	}

	private static String plainTextErrors(String shape) {
		if (!shape.startsWith("HTTP/1.0 404 ")) {
			return shape;
		}
		int body = shape.indexOf("\n\n") + 2;
		String text = shape.substring(body);
		if (!text.startsWith("{\"error\": \"") || !text.endsWith("\"}")) {
			return shape;
		}
		String message = text.substring(11, text.length() - 2).replace("\\\\", "\\");
		return shape.substring(0, body) + message;
	}

	private static String toolCallAsText(String shape) {
		return shape
			.replace("\"finish_reason\": \"tool_calls\", \"message\": {\"role\": \"assistant\", \"content\": null, "
					+ "\"tool_calls\": [{\"function\": {\"name\": \"get_weather\", \"arguments\": <str>}, \"type\": "
					+ "\"function\", \"id\": <str>}]}",
					"\"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": <str>}")
			.replace(
					"\"delta\": {\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"name\": \"get_weather\", "
							+ "\"arguments\": <str>}, \"type\": \"function\", \"id\": <str>, \"index\": 0}]}",
					"\"delta\": {\"role\": \"assistant\", \"content\": <str>}")
			.replace("\"finish_reason\": \"tool_calls\"", "\"finish_reason\": \"stop\"");
	}

	/**
	 * A difference of the releases before {@code until}.
	 *
	 * @param until the first release without it
	 * @param since the first release with it ({@code 0.0.0} for all older ones)
	 * @param description what differs, for the docs and the report
	 * @param rewrite turns the newest release's reply shape for a request into the older
	 * one's
	 */
	record Difference(String since, String until, String description, Rewrite rewrite) {
	}

	@FunctionalInterface
	interface Rewrite {

		String apply(String request, String shape);

	}

}

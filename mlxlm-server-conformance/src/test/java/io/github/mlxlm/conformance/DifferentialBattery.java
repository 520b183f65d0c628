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

/**
 * The requests of the differential ring: every route, every request field
 * {@code server.py} reads, the error paths its code has, streaming and not, the prompt
 * cache, tool calls, and the wire's edge cases. Generation requests either use the kit's
 * scripted markers (the same text on both servers) or few tokens (both stop at
 * {@code length}).
 *
 * @author mlxlm developers
 */
final class DifferentialBattery {

	static final String CHAT = "/v1/chat/completions";

	private DifferentialBattery() {
	}

	static List<Request> requests() {
		List<Request> requests = new ArrayList<>();
		// Routes and methods.
		get(requests, "GET /health", "/health");
		get(requests, "GET /v1/models", "/v1/models");
		get(requests, "GET /v1/models/<the model>", "/v1/models/mlx-community/tiny-random-chatml");
		get(requests, "GET /v1/models/<unknown>", "/v1/models/mlx-community/unknown");
		get(requests, "GET an unknown path", "/nope");
		get(requests, "GET /health/ (trailing slash)", "/health/");
		get(requests, "GET /health?x=1 (query)", "/health?x=1");
		raw(requests, "OPTIONS", RawExchange.request("OPTIONS", CHAT));
		raw(requests, "PUT", RawExchange.request("PUT", CHAT));
		raw(requests, "DELETE", RawExchange.request("DELETE", "/health"));
		raw(requests, "GET /v1/chat/completions", RawExchange.request("GET", CHAT));
		raw(requests, "POST chunked, no Content-Length",
				("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
						+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
		post(requests, "POST /chat/completions (alias)", "/chat/completions", chat("\"[[peer:hello]]\"", ""), true);
		post(requests, "POST an unknown path", "/v1/embeddings", "{\"input\": \"x\"}", false);
		// Chat: scripted answers.
		chat(requests, "chat: scripted hello", "\"[[peer:hello]]\"", "", true);
		chat(requests, "chat: scripted unicode (escapes)", "\"[[peer:unicode]]\"", ", \"max_tokens\": 256", true);
		chat(requests, "chat: the same prompt again (prompt cache)", "\"[[peer:hello]]\"", "", true);
		chat(requests, "chat: content as text parts", "[{\"type\": \"text\", \"text\": \"[[peer:hello]]\"}]", "", true);
		chat(requests, "chat: model default_model", "\"[[peer:hello]]\"", ", \"model\": \"default_model\"", true);
		chat(requests, "chat: model the tiny model's id", "\"[[peer:hello]]\"",
				", \"model\": \"mlx-community/tiny-random-chatml\"", true);
		// Chat: fields, each with few tokens.
		chat(requests, "chat: max_tokens 3", "\"Hi\"", ", \"max_tokens\": 3", false);
		chat(requests, "chat: max_completion_tokens 3", "\"Hi\"", ", \"max_completion_tokens\": 3", false);
		chat(requests, "chat: temperature", "\"Hi\"", ", \"max_tokens\": 3, \"temperature\": 0.7, \"seed\": 1", false);
		chat(requests, "chat: top_p", "\"Hi\"", ", \"max_tokens\": 3, \"top_p\": 0.9", false);
		chat(requests, "chat: top_k", "\"Hi\"", ", \"max_tokens\": 3, \"top_k\": 5", false);
		chat(requests, "chat: min_p", "\"Hi\"", ", \"max_tokens\": 3, \"min_p\": 0.05", false);
		chat(requests, "chat: stop string", "\"Hi\"", ", \"max_tokens\": 3, \"stop\": \"zzzz\"", false);
		chat(requests, "chat: stop list", "\"Hi\"", ", \"max_tokens\": 3, \"stop\": [\"zzzz\", \"yyyy\"]", false);
		chat(requests, "chat: presence and frequency penalty", "\"Hi\"",
				", \"max_tokens\": 3, \"presence_penalty\": 0.5, \"frequency_penalty\": 0.5", false);
		chat(requests, "chat: repetition penalty", "\"Hi\"",
				", \"max_tokens\": 3, \"repetition_penalty\": 1.1, \"repetition_context_size\": 20", false);
		chat(requests, "chat: logit_bias", "\"Hi\"", ", \"max_tokens\": 3, \"logit_bias\": {\"5\": -1.0}", false);
		chat(requests, "chat: xtc floats", "\"Hi\"",
				", \"max_tokens\": 3, \"xtc_probability\": 0.0, \"xtc_threshold\": 0.1", false);
		chat(requests, "chat: chat_template_kwargs", "\"Hi\"",
				", \"max_tokens\": 3, \"chat_template_kwargs\": {\"enable_thinking\": false}", false);
		chat(requests, "chat: logprobs", "\"Hi\"", ", \"max_tokens\": 3, \"logprobs\": true, \"top_logprobs\": 2",
				false);
		chat(requests, "chat: ignored n, tool_choice, response_format, user", "\"Hi\"",
				", \"max_tokens\": 3, \"n\": 2, \"tool_choice\": \"auto\", \"response_format\": {\"type\": \"json_object\"},"
						+ " \"user\": \"u\", \"unknown_key\": 1",
				false);
		chat(requests, "chat: system and history", "\"Hi\"", ", \"max_tokens\": 3", false,
				"{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hello\"}, "
						+ "{\"role\": \"assistant\", \"content\": \"Hi.\"}, ");
		// Chat: error paths.
		chat(requests, "chat: max_tokens null (dropped)", "\"Hi\"", ", \"max_tokens\": null", false);
		chat(requests, "chat: max_tokens 1.5 (wrong type)", "\"Hi\"", ", \"max_tokens\": 1.5", false);
		chat(requests, "chat: stream \"true\" (wrong type)", "\"Hi\"", ", \"stream\": \"true\"", false);
		chat(requests, "chat: temperature as a string", "\"Hi\"", ", \"max_tokens\": 3, \"temperature\": \"0.5\"",
				false);
		chat(requests, "chat: xtc_probability 0 (an int)", "\"Hi\"", ", \"max_tokens\": 3, \"xtc_probability\": 0",
				false);
		chat(requests, "chat: top_logprobs 20", "\"Hi\"",
				", \"max_tokens\": 3, \"logprobs\": true, \"top_logprobs\": 20", false);
		chat(requests, "chat: an image part", "[{\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}}]", "",
				false);
		chat(requests, "chat: a lone surrogate", "\"broken \\ud800 text\"", ", \"max_tokens\": 3", false);
		post(requests, "chat: no messages", CHAT, "{\"max_tokens\": 3}", false);
		post(requests, "chat: not JSON", CHAT, "{not json", false);
		post(requests, "chat: an empty body", CHAT, "", false);
		post(requests, "chat: a JSON list", CHAT, "[1, 2]", false);
		chat(requests, "chat: max_tokens 0", "\"Hi\"", ", \"max_tokens\": 0", false);
		chat(requests, "chat: negative max_tokens", "\"Hi\"", ", \"max_tokens\": -1", false);
		chat(requests, "chat: top_p 1.5", "\"Hi\"", ", \"max_tokens\": 3, \"top_p\": 1.5", false);
		// Tools.
		chat(requests, "chat: scripted tool call", "\"[[peer:tool_call]]\"", ", \"max_tokens\": 400, " + TOOLS, true);
		chat(requests, "chat: tools, no call", "\"Hi\"", ", \"max_tokens\": 3, " + TOOLS, false);
		chat(requests, "chat: a tool result follow-up", "\"Hi\"", ", \"max_tokens\": 3, " + TOOLS, false,
				"{\"role\": \"user\", \"content\": \"Weather?\"}, {\"role\": \"assistant\", \"content\": \"\", "
						+ "\"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
						+ "\"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"}}]}, "
						+ "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"Sunny\"}, ");
		// Streams.
		chat(requests, "stream: scripted hello with usage", "\"[[peer:hello]]\"",
				", \"stream\": true, \"stream_options\": {\"include_usage\": true}", true);
		chat(requests, "stream: scripted hello without usage", "\"[[peer:hello]]\"", ", \"stream\": true", true);
		chat(requests, "stream: scripted unicode", "\"[[peer:unicode]]\"", ", \"max_tokens\": 256, \"stream\": true",
				true);
		chat(requests, "stream: max_tokens 3", "\"Hi\"", ", \"max_tokens\": 3, \"stream\": true", false);
		chat(requests, "stream: stream_options {}", "\"[[peer:hello]]\"", ", \"stream\": true, \"stream_options\": {}",
				true);
		chat(requests, "stream: include_usage false", "\"[[peer:hello]]\"",
				", \"stream\": true, \"stream_options\": {\"include_usage\": false}", true);
		chat(requests, "stream: scripted tool call", "\"[[peer:tool_call]]\"",
				", \"max_tokens\": 400, \"stream\": true, " + TOOLS, true);
		chat(requests, "stream: logprobs", "\"Hi\"", ", \"max_tokens\": 3, \"stream\": true, \"logprobs\": true",
				false);
		// Text completions.
		post(requests, "completion: scripted hello", "/v1/completions",
				"{\"prompt\": \"[[peer:hello]]\", \"max_tokens\": 64}", true);
		post(requests, "completion: max_tokens 3", "/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 3}",
				false);
		post(requests, "completion: stream with usage", "/v1/completions",
				"{\"prompt\": \"[[peer:hello]]\", \"max_tokens\": 64, \"stream\": true, \"stream_options\": "
						+ "{\"include_usage\": true}}",
				true);
		post(requests, "completion: logprobs", "/v1/completions",
				"{\"prompt\": \"Once\", \"max_tokens\": 3, \"logprobs\": 2}", false);
		post(requests, "completion: no prompt", "/v1/completions", "{\"max_tokens\": 3}", false);
		post(requests, "completion: prompt as a list", "/v1/completions", "{\"prompt\": [\"Once\"], \"max_tokens\": 3}",
				false);
		// Last: on the real server this kills the generation thread, and every later
		// generation hangs (the server still answers /health).
		chat(requests, "chat: stop as a number (kills the generation thread)", "\"Hi\"",
				", \"max_tokens\": 3, \"stop\": 5", false);
		return requests;
	}

	static final String TOOLS = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
			+ "\"description\": \"Get the weather\", \"parameters\": {\"type\": \"object\", \"properties\": "
			+ "{\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}]";

	static String chat(String content, String extra) {
		return chat(content, extra, "");
	}

	static String chat(String content, String extra, String earlierMessages) {
		return "{\"messages\": [" + earlierMessages + "{\"role\": \"user\", \"content\": " + content + "}]" + extra
				+ "}";
	}

	private static void chat(List<Request> requests, String name, String content, String extra, boolean exact) {
		chat(requests, name, content, extra, exact, "");
	}

	private static void chat(List<Request> requests, String name, String content, String extra, boolean exact,
			String earlierMessages) {
		post(requests, name, CHAT, chat(content, extra, earlierMessages), exact);
	}

	private static void post(List<Request> requests, String name, String path, String json, boolean exact) {
		requests.add(new Request(name, RawExchange.post(path, json), exact));
	}

	private static void get(List<Request> requests, String name, String path) {
		requests.add(new Request(name, RawExchange.request("GET", path), false));
	}

	private static void raw(List<Request> requests, String name, byte[] bytes) {
		requests.add(new Request(name, bytes, false));
	}

	/**
	 * One request.
	 *
	 * @param name what it tries
	 * @param bytes the raw request
	 * @param exactText whether the generated text must be the same too (scripted)
	 */
	record Request(String name, byte[] bytes, boolean exactText) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}

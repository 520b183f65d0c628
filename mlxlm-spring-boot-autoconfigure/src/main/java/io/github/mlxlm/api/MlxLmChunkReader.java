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

package io.github.mlxlm.api;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.function.SingletonSupplier;

/**
 * Reads one completion or chunk from its JSON bytes with Jackson's streaming parser. A
 * stream is a chunk per token, and binding each one to the {@link MlxLmApi.Completion}
 * records through Jackson's property-based record creators was most of a stream's client
 * cost; the common fields are read here token by token, and the rare ones (usage, tool
 * calls, log probabilities) are still handed to the mapper. Types are exact: a field of
 * the wrong JSON type fails the read, as binding would.
 *
 * @author mlxlm developers
 */
final class MlxLmChunkReader {

	private final JsonMapper jsonMapper;

	private final SingletonSupplier<ObjectReader> usage;

	private final SingletonSupplier<ObjectReader> toolCalls;

	private final SingletonSupplier<ObjectReader> tree;

	MlxLmChunkReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		// Each reads one value in the middle of the document: what follows is not
		// trailing. Made on first use: a reader resolves its deserializers, which would
		// cost an application's start-up (the background pre-initializer makes them).
		this.usage = SingletonSupplier.of(() -> jsonMapper.readerFor(MlxLmApi.Usage.class)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
		this.toolCalls = SingletonSupplier.of(() -> jsonMapper.readerFor(MlxLmApi.ToolCall[].class)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
		this.tree = SingletonSupplier
			.of(() -> jsonMapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
	}

	MlxLmApi.Completion read(byte[] data, @Nullable String server) {
		try (JsonParser parser = this.jsonMapper.createParser(data)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new StreamReadException(parser, "expected a JSON object");
			}
			String id = null;
			String fingerprint = null;
			String object = null;
			String model = null;
			Long created = null;
			List<MlxLmApi.Choice> choices = null;
			MlxLmApi.Usage usage = null;
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				switch (name) {
					case "id" -> id = string(parser);
					case "system_fingerprint" -> fingerprint = string(parser);
					case "object" -> object = string(parser);
					case "model" -> model = string(parser);
					case "created" -> created = number(parser);
					case "choices" -> choices = choices(parser);
					case "usage" -> usage = isNull(parser) ? null : this.usage.obtain().readValue(parser);
					default -> parser.skipChildren();
				}
			}
			expectEnd(parser);
			return new MlxLmApi.Completion(id, fingerprint, object, model, created, choices, usage, server);
		}
	}

	private @Nullable List<MlxLmApi.Choice> choices(JsonParser parser) {
		if (isNull(parser)) {
			return null;
		}
		expect(parser, JsonToken.START_ARRAY);
		List<MlxLmApi.Choice> choices = new ArrayList<>(1);
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			choices.add(choice(parser));
		}
		return choices;
	}

	private MlxLmApi.Choice choice(JsonParser parser) {
		expect(parser, JsonToken.START_OBJECT);
		Integer index = null;
		String finishReason = null;
		MlxLmApi.Message message = null;
		MlxLmApi.Message delta = null;
		String text = null;
		JsonNode logprobs = null;
		String name;
		while ((name = parser.nextName()) != null) {
			parser.nextToken();
			switch (name) {
				case "index" -> index = toInt(number(parser));
				case "finish_reason" -> finishReason = string(parser);
				case "message" -> message = message(parser);
				case "delta" -> delta = message(parser);
				case "text" -> text = string(parser);
				case "logprobs" -> logprobs = isNull(parser) ? null : this.tree.obtain().<JsonNode>readValue(parser);
				default -> parser.skipChildren();
			}
		}
		return new MlxLmApi.Choice(index, finishReason, message, delta, text, logprobs);
	}

	private MlxLmApi.@Nullable Message message(JsonParser parser) {
		if (isNull(parser)) {
			return null;
		}
		expect(parser, JsonToken.START_OBJECT);
		String role = null;
		String content = null;
		String reasoning = null;
		List<MlxLmApi.ToolCall> toolCalls = null;
		String toolCallId = null;
		String toolName = null;
		String name;
		while ((name = parser.nextName()) != null) {
			parser.nextToken();
			switch (name) {
				case "role" -> role = string(parser);
				case "content" -> content = string(parser);
				case "reasoning" -> reasoning = string(parser);
				case "tool_calls" -> toolCalls = isNull(parser) ? null
						: List.of(this.toolCalls.obtain().<MlxLmApi.ToolCall[]>readValue(parser));
				case "tool_call_id" -> toolCallId = string(parser);
				case "name" -> toolName = string(parser);
				default -> parser.skipChildren();
			}
		}
		return new MlxLmApi.Message(role, content, reasoning, toolCalls, toolCallId, toolName);
	}

	private static @Nullable String string(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.VALUE_STRING) {
			throw new StreamReadException(parser, "'" + parser.currentName() + "' is not a string");
		}
		return parser.getString();
	}

	private static @Nullable Integer toInt(@Nullable Long number) {
		return (number != null) ? (int) (long) number : null;
	}

	private static @Nullable Long number(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		if (token != JsonToken.VALUE_NUMBER_INT) {
			throw new StreamReadException(parser, "'" + parser.currentName() + "' is not an integer");
		}
		return parser.getLongValue();
	}

	private static boolean isNull(JsonParser parser) {
		return parser.currentToken() == JsonToken.VALUE_NULL;
	}

	private static void expect(JsonParser parser, JsonToken token) {
		if (parser.currentToken() != token) {
			throw new StreamReadException(parser,
					"'" + parser.currentName() + "' is " + parser.currentToken() + ", expected " + token);
		}
	}

	private static void expectEnd(JsonParser parser) throws JacksonException {
		if (parser.nextToken() != null) {
			throw new StreamReadException(parser, "trailing content after the JSON object");
		}
	}

}

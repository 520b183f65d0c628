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

package io.github.mlxlm.chat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a whole chat completion, as the server answers a request without streaming, into
 * the event stream it sends for the same answer when streaming (chat calls are streamed
 * under the hood): the message as one delta with its finish reason, then the usage chunk,
 * then {@code [DONE]}.
 */
public final class SseReplies {

	private static final JsonMapper json = JsonMapper.builder().build();

	private SseReplies() {
	}

	/**
	 * Return the event stream of a whole completion.
	 * @param completion the JSON of a non-streaming reply
	 * @return the SSE body
	 */
	public static String of(String completion) {
		JsonNode root = json.readTree(completion);
		ObjectNode chunk = ((ObjectNode) root.deepCopy()).put("object", "chat.completion.chunk");
		chunk.remove("usage");
		for (JsonNode choice : chunk.get("choices")) {
			ObjectNode node = (ObjectNode) choice;
			node.set("delta", node.remove("message"));
		}
		ObjectNode usage = ((ObjectNode) root.deepCopy()).put("object", "chat.completion");
		usage.putArray("choices");
		StringBuilder body = new StringBuilder(": keepalive 0/14\n\n");
		body.append("data: ").append(json.writeValueAsString(chunk)).append("\n\n");
		if (root.has("usage")) {
			body.append("data: ").append(json.writeValueAsString(usage)).append("\n\n");
		}
		return body.append("data: [DONE]\n\n").toString();
	}

}

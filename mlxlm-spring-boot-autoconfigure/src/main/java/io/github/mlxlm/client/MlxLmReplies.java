package io.github.mlxlm.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the MLX-LM server's reply bodies. Bodies arrive as bytes because the server's bodies are
 * close-delimited and sometimes not what the content type says (an empty {@code /v1/models}
 * body, a plain-text {@code Not Found} under a JSON content type).
 *
 * @author MLX-LM starter contributors
 */
final class MlxLmReplies {

	private static final int MAX_ERROR_TEXT = 500;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	/**
	 * Read a {@code /v1/models} body. An empty body is how a server without a Hugging Face cache
	 * says "no models".
	 * @throws MlxLmResponseException if the body is not a listing
	 */
	List<MlxLmModel> models(String url, byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return List.of();
		}
		JsonNode root = readTree(url, text);
		if (!root.isObject()) {
			throw unreadable(url, "expected a JSON object with a 'data' list", null);
		}
		JsonNode data = root.get("data");
		if (data == null || data.isNull()) {
			return List.of();
		}
		if (!data.isArray()) {
			throw unreadable(url, "'data' is not a list", null);
		}
		List<MlxLmModel> models = new ArrayList<>(data.size());
		for (JsonNode entry : data) {
			JsonNode id = entry.get("id");
			if (id == null || !id.isString() || id.stringValue().isBlank()) {
				throw unreadable(url, "a 'data' entry has no string 'id'", null);
			}
			JsonNode object = entry.get("object");
			JsonNode created = entry.get("created");
			models.add(new MlxLmModel(id.stringValue(),
					(object != null && object.isString()) ? object.stringValue() : "model",
					(created != null && created.isNumber()) ? created.longValue() : 0L));
		}
		return List.copyOf(models);
	}

	/**
	 * Read a {@code /health} body: the {@code status} of {@code {"status": "ok"}}, or
	 * {@code "ok"} for a body that is not such JSON (the status code already said so).
	 */
	String healthStatus(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		try {
			JsonNode root = this.jsonMapper.readTree(text);
			JsonNode status = (root != null && root.isObject()) ? root.get("status") : null;
			if (status != null && status.isString() && !status.stringValue().isBlank()) {
				return status.stringValue();
			}
		}
		catch (JacksonException ex) {
			// Plain text is tolerated: only the 200 matters.
		}
		return "ok";
	}

	/**
	 * Read the server's error text: {@code {"error": "text"}} (the server's own shape), an
	 * OpenAI-style {@code {"error": {"message": "text"}}} (from a proxy in front), or the plain
	 * body such as {@code Not Found}.
	 */
	@Nullable String errorText(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			JsonNode root = this.jsonMapper.readTree(text);
			JsonNode error = (root != null && root.isObject()) ? root.get("error") : null;
			if (error != null && error.isString()) {
				return error.stringValue();
			}
			JsonNode message = (error != null && error.isObject()) ? error.get("message") : null;
			if (message != null && message.isString()) {
				return message.stringValue();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: the plain body is the message.
		}
		return (text.length() > MAX_ERROR_TEXT) ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
	}

	JsonNode readTree(String url, String text) {
		try {
			return this.jsonMapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw unreadable(url, "malformed JSON (" + ex.getOriginalMessage() + ")", ex);
		}
	}

	/**
	 * Read a whole {@code /v1/completions} reply.
	 * @throws MlxLmResponseException if the body is not a completion
	 */
	MlxLmCompletion completion(String url, byte[] body) {
		JsonNode root = readTree(url, new String(body, StandardCharsets.UTF_8));
		JsonNode choices = root.isObject() ? root.get("choices") : null;
		if (choices == null || !choices.isArray() || choices.isEmpty()) {
			throw unreadable(url, "expected a completion with 'choices'", null);
		}
		JsonNode choice = choices.get(0);
		return new MlxLmCompletion(text(root, "id"), text(root, "model"), text(choice, "text"),
				nullableText(choice, "finish_reason"), usage(root), MlxLmServerIdentity.parse(nullableText(root,
						"system_fingerprint")));
	}

	/**
	 * Read one SSE {@code data:} payload of a streamed {@code /v1/completions} reply.
	 * @throws MlxLmResponseException if the payload is not JSON
	 */
	MlxLmCompletionChunk completionChunk(String url, JsonNode root) {
		JsonNode choices = root.get("choices");
		JsonNode choice = (choices != null && choices.isArray() && !choices.isEmpty()) ? choices.get(0) : null;
		String text = (choice != null) ? text(choice, "text") : "";
		String finishReason = (choice != null) ? nullableText(choice, "finish_reason") : null;
		return new MlxLmCompletionChunk(text, finishReason, usage(root));
	}

	static @Nullable String nullableText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static String text(JsonNode node, String field) {
		String value = nullableText(node, field);
		return (value != null) ? value : "";
	}

	private static @Nullable MlxLmUsage usage(JsonNode root) {
		JsonNode usage = root.get("usage");
		if (usage == null || !usage.isObject()) {
			return null;
		}
		JsonNode details = usage.get("prompt_tokens_details");
		JsonNode cached = (details != null && details.isObject()) ? details.get("cached_tokens") : null;
		return new MlxLmUsage(number(usage, "prompt_tokens"), number(usage, "completion_tokens"),
				number(usage, "total_tokens"), (cached != null && cached.isNumber()) ? cached.longValue() : 0L);
	}

	private static long number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.longValue() : 0L;
	}

	private static MlxLmResponseException unreadable(String url, String reason, @Nullable Throwable cause) {
		return new MlxLmResponseException("MLX-LM server at " + url + " sent an unreadable reply: " + reason, url,
				cause);
	}

}

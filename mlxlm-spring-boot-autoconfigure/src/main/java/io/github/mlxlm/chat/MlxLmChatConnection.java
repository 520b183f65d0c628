package io.github.mlxlm.chat;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Where and how the chat model reaches an MLX-LM server.
 *
 * @param baseUrl base URL of the server's OpenAI-compatible API, such as
 * {@code http://localhost:8080/v1}
 * @param apiKey key sent as a bearer token, or {@code null}/blank to send no
 * {@code Authorization} header
 * @param model model id sent on the wire, or {@code null}/blank to send
 * {@value MlxLmChatModelFactory#DEFAULT_MODEL}
 * @param connectTimeout longest time to establish a connection
 * @param readTimeout longest silence on an open connection
 * @author mlxlm developers
 */
public record MlxLmChatConnection(String baseUrl, @Nullable String apiKey, @Nullable String model,
		Duration connectTimeout, Duration readTimeout) {

	public MlxLmChatConnection {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		Objects.requireNonNull(readTimeout, "readTimeout must not be null");
	}

	/**
	 * Return whether requests carry an {@code Authorization} header.
	 * @return {@code true} when an api key is set
	 */
	public boolean hasApiKey() {
		return StringUtils.hasText(this.apiKey);
	}

	/**
	 * Return the model id to send: the configured one exactly as written, else
	 * {@value MlxLmChatModelFactory#DEFAULT_MODEL}. Never a detected or guessed id, since
	 * any other id makes the server load that model.
	 * @return the model id for the wire
	 */
	public String wireModel() {
		return StringUtils.hasText(this.model) ? this.model : MlxLmChatModelFactory.DEFAULT_MODEL;
	}

	@Override
	public String toString() {
		// Never print the key.
		return "MlxLmChatConnection[baseUrl=" + this.baseUrl + ", model=" + wireModel() + ", apiKey="
				+ (hasApiKey() ? "******" : "<none>") + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + "]";
	}

}

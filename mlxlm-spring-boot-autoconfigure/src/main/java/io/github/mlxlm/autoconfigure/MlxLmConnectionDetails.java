package io.github.mlxlm.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to reach an MLX-LM server. Defaults to the {@code mlxlm.*} properties;
 * define a bean of this type to point the starter elsewhere (the embedded simulator
 * does).
 *
 * @author mlxlm developers
 */
public interface MlxLmConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the server's OpenAI-compatible API, such as
	 * {@code http://localhost:8080/v1}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * Api key sent as a bearer token, or {@code null} to send no {@code Authorization}
	 * header.
	 * @return the api key or {@code null}
	 */
	default @Nullable String getApiKey() {
		return null;
	}

}

package io.github.mlxlm.client;

import org.jspecify.annotations.Nullable;

/**
 * The MLX-LM server answered with a success status but the reply could not be read (for
 * example malformed JSON, or a body of an unexpected shape).
 *
 * @author MLX-LM starter contributors
 */
public class MlxLmResponseException extends MlxLmException {

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param cause the cause, if any
	 */
	public MlxLmResponseException(String message, String url, @Nullable Throwable cause) {
		super(message, url, cause);
	}

}

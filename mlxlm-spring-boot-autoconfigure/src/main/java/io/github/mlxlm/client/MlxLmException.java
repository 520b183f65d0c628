package io.github.mlxlm.client;

import org.jspecify.annotations.Nullable;

/**
 * A call to the MLX-LM server failed. The message always names the URL that was called, and
 * never contains the api key.
 *
 * @author MLX-LM starter contributors
 * @see MlxLmConnectionException
 * @see MlxLmHttpException
 * @see MlxLmResponseException
 */
public class MlxLmException extends RuntimeException {

	private final String url;

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param cause the cause, if any
	 */
	public MlxLmException(String message, String url, @Nullable Throwable cause) {
		super(message, cause);
		this.url = url;
	}

	/**
	 * Return the URL whose call failed.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

}

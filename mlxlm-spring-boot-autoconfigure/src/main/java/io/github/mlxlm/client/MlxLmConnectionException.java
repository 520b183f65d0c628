package io.github.mlxlm.client;

import org.jspecify.annotations.Nullable;

/**
 * The MLX-LM server could not be reached, did not answer in time, or dropped the connection
 * before its reply was complete. The server drops the connection without a reply when a
 * request carries a JSON {@code null} or a wrongly typed value.
 *
 * @author MLX-LM starter contributors
 */
public class MlxLmConnectionException extends MlxLmException {

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param cause the cause, if any
	 */
	public MlxLmConnectionException(String message, String url, @Nullable Throwable cause) {
		super(message, url, cause);
	}

}

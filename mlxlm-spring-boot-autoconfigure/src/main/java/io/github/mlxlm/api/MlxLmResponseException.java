package io.github.mlxlm.api;

import org.jspecify.annotations.Nullable;

/**
 * The MLX-LM server connected and answered, but its reply could not be used: malformed
 * JSON or SSE, an unexpected shape ({@link Reason#MALFORMED}), or a reply larger than the
 * limit ({@link Reason#TOO_LARGE}).
 *
 * @author mlxlm developers
 */
public class MlxLmResponseException extends MlxLmException {

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param reason what happened
	 * @param cause the cause, if any
	 */
	public MlxLmResponseException(String message, String url, Reason reason, @Nullable Throwable cause) {
		super(message, url, reason, cause);
	}

}

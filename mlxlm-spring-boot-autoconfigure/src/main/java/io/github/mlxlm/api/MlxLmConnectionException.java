package io.github.mlxlm.api;

import org.jspecify.annotations.Nullable;

/**
 * The connection to the MLX-LM server failed: refused, not established in time, silent
 * for too long, or closed before the reply was complete. The {@link #reason() reason}
 * tells which; only {@link Reason#REFUSED} and {@link Reason#CONNECT_TIMEOUT} guarantee
 * that no byte of the request was sent.
 *
 * @author mlxlm developers
 */
public class MlxLmConnectionException extends MlxLmException {

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param reason what happened
	 * @param cause the cause, if any
	 */
	public MlxLmConnectionException(String message, String url, Reason reason, @Nullable Throwable cause) {
		super(message, url, reason, cause);
	}

	/**
	 * Return whether the request failed before any byte was sent, so that sending it
	 * again (to the same or another server) cannot run a generation twice.
	 * @return {@code true} for a refused connection or a connect timeout
	 */
	public boolean beforeAnyByteSent() {
		return reason() == Reason.REFUSED || reason() == Reason.CONNECT_TIMEOUT;
	}

}

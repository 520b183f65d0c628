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

import org.jspecify.annotations.Nullable;

/**
 * A call to the MLX-LM server failed, or was refused before it was sent. The message
 * always names the URL, and never contains the api key or a password; {@link #reason()}
 * says what happened, so that callers need not walk the cause chain.
 *
 * @author mlxlm developers
 * @see MlxLmConnectionException
 * @see MlxLmHttpException
 * @see MlxLmResponseException
 * @see MlxLmInvalidRequestException
 */
public class MlxLmException extends RuntimeException {

	private final String url;

	private final Reason reason;

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param reason what happened
	 * @param cause the cause, if any
	 */
	public MlxLmException(String message, String url, Reason reason, @Nullable Throwable cause) {
		super(message, cause);
		this.url = url;
		this.reason = reason;
	}

	/**
	 * Return the URL whose call failed.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Return what happened.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * What made a call fail.
	 */
	public enum Reason {

		/**
		 * Nobody listens at the address: the connection was refused before a byte was
		 * sent.
		 */
		REFUSED,

		/**
		 * The connection was not established within the connect timeout; nothing was
		 * sent.
		 */
		CONNECT_TIMEOUT,

		/**
		 * The server was silent for longer than the read timeout.
		 */
		READ_TIMEOUT,

		/**
		 * The connection closed (or was reset) before the reply was complete, including a
		 * stream that ended without its finishing chunk and {@code [DONE]}.
		 */
		CLOSED,

		/**
		 * The server answered an HTTP error status.
		 */
		HTTP_STATUS,

		/**
		 * The reply could not be read: malformed JSON or SSE, or an unexpected shape.
		 */
		MALFORMED,

		/**
		 * The reply was larger than the configured limit.
		 */
		TOO_LARGE,

		/**
		 * The request was refused before a byte was sent: a value the server would
		 * reject, or a feature it does not have.
		 */
		INVALID_REQUEST,

		/**
		 * The call was ended because the application is shutting down.
		 */
		SHUTDOWN

	}

}

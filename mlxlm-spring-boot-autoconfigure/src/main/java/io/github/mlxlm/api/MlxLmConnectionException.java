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
 * The connection to the MLX-LM server failed: refused, not established in time, silent
 * for too long, or closed before the reply was complete. The {@link #reason() reason}
 * tells which; only {@link Reason#REFUSED} and {@link Reason#CONNECT_TIMEOUT} guarantee
 * that no byte of the request was sent.
 *
 * @author mlxlm developers
 * @since 0.1.0
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

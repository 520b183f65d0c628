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
 * The MLX-LM server answered with a status the call does not accept: a non-2xx status, or
 * for {@code /health} anything but 200.
 * <p>
 * The server's error bodies are flat {@code {"error": "text"}}; unknown paths answer 404
 * with a JSON content type but the plain-text body {@code Not Found}.
 * {@link #serverError()} gives the text in both cases.
 *
 * @author MLX-LM starter contributors
 */
public class MlxLmHttpException extends MlxLmException {

	private final int statusCode;

	private final @Nullable String serverError;

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param statusCode the HTTP status code of the reply
	 * @param serverError the server's error text, if the reply had one
	 */
	public MlxLmHttpException(String message, String url, int statusCode, @Nullable String serverError) {
		super(message, url, Reason.HTTP_STATUS, null);
		this.statusCode = statusCode;
		this.serverError = serverError;
	}

	/**
	 * Create a new exception that keeps the error it was translated from.
	 * @param message the message, which must name the URL
	 * @param url the URL that was called
	 * @param statusCode the HTTP status code of the reply
	 * @param serverError the server's error text, if the reply had one
	 * @param cause the error of the HTTP client that saw the reply
	 */
	public MlxLmHttpException(String message, String url, int statusCode, @Nullable String serverError,
			@Nullable Throwable cause) {
		super(message, url, Reason.HTTP_STATUS, cause);
		this.statusCode = statusCode;
		this.serverError = serverError;
	}

	/**
	 * Return the HTTP status code the server answered with.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Return the server's error text: the {@code error} of a {@code {"error": "text"}}
	 * body, else the plain body (trimmed, and shortened if long).
	 * @return the error text, or {@code null} if the body was empty
	 */
	public @Nullable String serverError() {
		return this.serverError;
	}

}

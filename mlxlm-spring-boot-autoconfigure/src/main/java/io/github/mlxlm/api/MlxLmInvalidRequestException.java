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
 * A request was refused before a byte was sent: it carries a value that mlx_lm.server
 * would answer by dropping the connection (a wrong type, a negative count, a non-finite
 * number, a probability out of range, a lone UTF-16 surrogate), or asks for what the
 * server cannot do. The message names the field and the value allowed.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmInvalidRequestException extends MlxLmException {

	private final @Nullable String field;

	/**
	 * Create a new exception.
	 * @param message the message, which must name the URL and the field
	 * @param url the URL the request was for
	 * @param field the request field at fault, such as {@code maxTokens}, or {@code null}
	 * when the whole request is
	 */
	public MlxLmInvalidRequestException(String message, String url, @Nullable String field) {
		super(message, url, Reason.INVALID_REQUEST, null);
		this.field = field;
	}

	/**
	 * Return the request field at fault.
	 * @return the field, such as {@code maxTokens}, or {@code null}
	 */
	public @Nullable String field() {
		return this.field;
	}

}

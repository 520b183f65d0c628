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
 * The MLX-LM server connected and answered, but its reply could not be used: malformed
 * JSON or SSE, an unexpected shape ({@link Reason#MALFORMED}), or a reply larger than the
 * limit ({@link Reason#TOO_LARGE}).
 *
 * @author mlxlm developers
 * @since 0.1.0
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

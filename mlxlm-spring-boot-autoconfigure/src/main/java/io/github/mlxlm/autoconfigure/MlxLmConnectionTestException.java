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

package io.github.mlxlm.autoconfigure;

/**
 * Thrown at start-up when {@code mlxlm.test-connection=true} and the MLX-LM server does
 * not answer.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmConnectionTestException extends RuntimeException {

	private final String baseUrl;

	MlxLmConnectionTestException(String baseUrl, String error) {
		super("MLX-LM server at " + baseUrl + " did not answer: " + error);
		this.baseUrl = baseUrl;
	}

	/**
	 * Return the base URL that was checked.
	 * @return the base URL
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

}

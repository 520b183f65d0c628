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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to reach an MLX-LM server. Defaults to the {@code mlxlm.*} properties;
 * define a bean of this type to point the starter elsewhere (the embedded simulator
 * does).
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public interface MlxLmConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the server's OpenAI-compatible API, such as
	 * {@code http://localhost:8080/v1}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * Api key sent as a bearer token, or {@code null} to send no {@code Authorization}
	 * header.
	 * @return the api key or {@code null}
	 */
	default @Nullable String getApiKey() {
		return null;
	}

}

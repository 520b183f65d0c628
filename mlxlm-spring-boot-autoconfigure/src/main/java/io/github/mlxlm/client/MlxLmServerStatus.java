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

package io.github.mlxlm.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link MlxLmClient#status()} found out about the MLX-LM server.
 * <p>
 * {@code connected} means {@code /health} answered 200, which proves only that the
 * process is alive: the server answers so while a model loads, and after a model failed
 * to load.
 *
 * @param connected whether {@code /health} answered 200
 * @param modelDetected whether a model id could be named (see
 * {@link MlxLmModelDetection})
 * @param modelId the configured or detected model id, or {@code null}
 * @param baseUrl the client's base URL (for example {@code http://localhost:8080/v1})
 * @param providerType always {@value MlxLmClient#PROVIDER_TYPE}
 * @param metadata {@code status} (from {@code /health}), {@code modelGuessed} (boolean)
 * and {@code availableModels} (list of ids) when connected; empty otherwise
 * @param error a message naming the URL when a call failed, else {@code null}
 * @author MLX-LM starter contributors
 */
public record MlxLmServerStatus(boolean connected, boolean modelDetected, @Nullable String modelId, String baseUrl,
		String providerType, Map<String, Object> metadata, @Nullable String error) {

	public MlxLmServerStatus {
		// Keep the caller's key order (it is what health endpoints show) but freeze it.
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

}

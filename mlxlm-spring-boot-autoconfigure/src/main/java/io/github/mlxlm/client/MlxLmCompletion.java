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

import io.github.mlxlm.api.MlxLmServerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * A whole text completion ({@code POST /v1/completions}).
 *
 * @param id the reply id, such as {@code cmpl-...}
 * @param model the model id the request sent (the server echoes it)
 * @param text the generated text ({@code ""} when the model generated nothing)
 * @param finishReason {@code stop} or {@code length}, or {@code null} if absent
 * @param usage the token counts, or {@code null} if absent
 * @param serverIdentity the server's versions, from {@code system_fingerprint}, or
 * {@code null} if absent
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmCompletion(String id, String model, String text, @Nullable String finishReason,
		@Nullable MlxLmUsage usage, @Nullable MlxLmServerIdentity serverIdentity) {

}

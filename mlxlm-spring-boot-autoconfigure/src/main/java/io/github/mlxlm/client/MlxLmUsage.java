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

import org.jspecify.annotations.Nullable;

/**
 * Token counts of one completion, from the reply's {@code usage}.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens the sum of both
 * @param cachedTokens prompt tokens served from the server's prompt cache
 * ({@code prompt_tokens_details.cached_tokens}), or {@code null} when the server did not
 * say (mlx-lm 0.28)
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmUsage(long promptTokens, long completionTokens, long totalTokens, @Nullable Long cachedTokens) {

}

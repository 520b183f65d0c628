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
 * One event of a streamed text completion. The last one carries only the usage.
 *
 * @param text this event's part of the text ({@code ""} on the finish and usage events)
 * @param finishReason {@code stop} or {@code length} on the finish event, else
 * {@code null}
 * @param usage the token counts on the last event, else {@code null}
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmCompletionChunk(String text, @Nullable String finishReason, @Nullable MlxLmUsage usage) {

}

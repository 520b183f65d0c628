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

/**
 * Spring AI chat support for MLX-LM: {@code MlxLmChatModel}, a Spring AI
 * {@code ChatModel} on the starter's own wire ({@code io.github.mlxlm.api}) with typed
 * MLX options ({@code MlxLmChatOptions}, checked in one place by
 * {@code MlxLmChatOptionsCheck}), reasoning, usage and cached tokens, tool definitions
 * through Spring AI's {@code ToolCallingManager}, observations, and
 * {@code MlxLmConversationIdAdvisor} for {@code ChatClient}s with chat memory.
 */
@NullMarked
package io.github.mlxlm.chat;

import org.jspecify.annotations.NullMarked;

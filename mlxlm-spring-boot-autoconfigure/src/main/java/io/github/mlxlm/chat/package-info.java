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

/**
 * Spring AI chat support for MLX-LM: {@code MlxLmChatModel} (typed MLX options,
 * reasoning, usage) over an {@code OpenAiChatModel} configured for the real
 * {@code mlx_lm.server} wire.
 */
@NullMarked
package io.github.mlxlm.chat;

import org.jspecify.annotations.NullMarked;

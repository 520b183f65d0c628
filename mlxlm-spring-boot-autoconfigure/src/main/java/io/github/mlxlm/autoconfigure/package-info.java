/**
 * Auto-configuration for the MLX-LM starter.
 */
@NullMarked
package io.github.mlxlm.autoconfigure;

import org.jspecify.annotations.NullMarked;

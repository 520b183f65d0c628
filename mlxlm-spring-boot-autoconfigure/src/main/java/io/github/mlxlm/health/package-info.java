/**
 * Health indicator for the MLX-LM server.
 */
@NullMarked
package io.github.mlxlm.health;

import org.jspecify.annotations.NullMarked;

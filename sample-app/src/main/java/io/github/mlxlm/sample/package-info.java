/**
 * Sample application for the MLX-LM starter.
 */
@NullMarked
package io.github.mlxlm.sample;

import org.jspecify.annotations.NullMarked;

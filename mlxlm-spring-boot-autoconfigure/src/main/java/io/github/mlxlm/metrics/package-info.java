/**
 * Metrics and observation conventions for MLX-LM chat: time to first token, generation
 * speed and streams in flight.
 */
@NullMarked
package io.github.mlxlm.metrics;

import org.jspecify.annotations.NullMarked;

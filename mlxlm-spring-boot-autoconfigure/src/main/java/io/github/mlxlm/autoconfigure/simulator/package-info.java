/**
 * Auto-configuration of the embedded MLX-LM server simulator (mlxlm.simulator.*).
 */
@NullMarked
package io.github.mlxlm.autoconfigure.simulator;

import org.jspecify.annotations.NullMarked;

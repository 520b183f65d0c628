/**
 * A wire-faithful stand-in for Apple's {@code mlx_lm.server}: HTTP/1.0, close-delimited
 * bodies, Python-style JSON, dropped connections on bad parameters, model swaps, SSE
 * keep-alive comments, and faults on demand. Entry points:
 * {@link io.github.mlxlm.simulator.MlxLmSimulator},
 * {@link io.github.mlxlm.simulator.MlxLmSimulatorExtension} and
 * {@link io.github.mlxlm.simulator.MlxLmSimulatorMain}.
 */
@org.jspecify.annotations.NullMarked
package io.github.mlxlm.simulator;

package io.github.mlxlm.autoconfigure.simulator;

import io.github.mlxlm.simulator.MlxLmSimulator;

/**
 * Callback to customize the embedded simulator before it starts, for example to script
 * replies, tool calls or reasoning for a demo or a test.
 *
 * @author mlxlm developers
 */
@FunctionalInterface
public interface MlxLmSimulatorBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the simulator builder, already set from {@code mlxlm.simulator.*}
	 */
	void customize(MlxLmSimulator.Builder builder);

}

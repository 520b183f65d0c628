package io.github.mlxlm.autoconfigure.simulator;

/**
 * Thrown at start-up when {@code mlxlm.simulator.enabled=true} but the MLX-LM server
 * simulator ({@code io.github.mlxlm:mlxlm-server-simulator}) is not on the class path.
 *
 * @author mlxlm developers
 * @see MlxLmSimulatorMissingFailureAnalyzer
 */
public class MlxLmSimulatorMissingException extends RuntimeException {

	MlxLmSimulatorMissingException() {
		super("mlxlm.simulator.enabled is true, but the MLX-LM server simulator"
				+ " (io.github.mlxlm:mlxlm-server-simulator) is not on the class path");
	}

}

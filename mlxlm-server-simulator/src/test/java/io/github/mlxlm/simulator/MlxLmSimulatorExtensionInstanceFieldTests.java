package io.github.mlxlm.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class MlxLmSimulatorExtensionInstanceFieldTests {

	@RegisterExtension
	final MlxLmSimulatorExtension mlx = new MlxLmSimulatorExtension(MlxLmSimulator.builder().model("m/one"));

	@Test
	void instanceFieldExtensionStartsASimulatorForTheTest() {
		assertThat(mlx.simulator().residentModel()).contains("m/one");
		assertThat(mlx.simulator().port()).isPositive();
	}

}

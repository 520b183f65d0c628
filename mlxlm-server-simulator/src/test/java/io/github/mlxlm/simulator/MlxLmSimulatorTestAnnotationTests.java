package io.github.mlxlm.simulator;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MlxLmSimulatorTest(model = "mlx-community/gemma-3-1b-it-4bit", huggingFaceCache = { "a/one", "a/two" })
class MlxLmSimulatorTestAnnotationTests {

	private final MlxLmSimulator fromConstructor;

	MlxLmSimulatorTestAnnotationTests(MlxLmSimulator sim) {
		this.fromConstructor = sim;
	}

	@Test
	void annotationInjectsTheSameSimulatorIntoConstructorAndMethod(MlxLmSimulator sim) {
		assertThat(sim).isSameAs(fromConstructor);
	}

	@Test
	void annotationConfiguresModelAndCache(MlxLmSimulator sim) throws IOException {
		assertThat(sim.residentModel()).contains("mlx-community/gemma-3-1b-it-4bit");
		assertThat(Raw.get(sim.port(), "/v1/models").body()).contains("\"a/one\"", "\"a/two\"");
	}

}

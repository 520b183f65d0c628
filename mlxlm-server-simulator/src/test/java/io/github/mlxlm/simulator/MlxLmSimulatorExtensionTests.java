package io.github.mlxlm.simulator;

import java.io.IOException;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlxLmSimulatorExtensionTests {

	@RegisterExtension
	static MlxLmSimulatorExtension mlx = new MlxLmSimulatorExtension(
			MlxLmSimulator.builder().model("mlx-community/Qwen3-4B-Instruct-2507-4bit"));

	static int firstPort;

	@Test
	@Order(1)
	void staticExtensionInjectsTheRunningSimulator(MlxLmSimulator sim) throws IOException {
		assertThat(sim).isSameAs(mlx.simulator());
		assertThat(mlx.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port() + "/v1");
		firstPort = sim.port();
		sim.faults().closeConnectionsOnAccept(true);
		Raw.get(sim.port(), "/health");
	}

	@Test
	@Order(2)
	void staticExtensionKeepsOneSimulatorButResetsItBeforeEachTest(MlxLmSimulator sim) throws IOException {
		assertThat(sim.port()).isEqualTo(firstPort);
		assertThat(sim.requests()).isEmpty();
		assertThat(Raw.get(sim.port(), "/health").statusLine()).isEqualTo("HTTP/1.0 200 OK");
	}

}

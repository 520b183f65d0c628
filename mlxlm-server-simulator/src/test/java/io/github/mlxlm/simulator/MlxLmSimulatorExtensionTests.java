/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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

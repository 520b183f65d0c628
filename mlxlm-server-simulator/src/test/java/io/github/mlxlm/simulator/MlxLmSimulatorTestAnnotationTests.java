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
		assertThat(sim).isSameAs(this.fromConstructor);
	}

	@Test
	void annotationConfiguresModelAndCache(MlxLmSimulator sim) throws IOException {
		assertThat(sim.residentModel()).contains("mlx-community/gemma-3-1b-it-4bit");
		assertThat(Raw.get(sim.port(), "/v1/models").body()).contains("\"a/one\"", "\"a/two\"");
	}

}

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

package io.github.mlxlm.sample;

import java.util.List;

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code fleet} profile's simulators: one per model, listed in simple discovery
 * before any bean needs them, and closed with the application.
 */
class FleetProfileTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment().setActiveProfiles("fleet"))
		.withUserConfiguration(FleetConfiguration.class)
		.withPropertyValues("sample.fleet.models[0]=model-a", "sample.fleet.models[1]=model-a",
				"sample.fleet.models[2]=model-b");

	@Test
	void oneSimulatorPerModelIsListedAsAnInstanceOfTheMlxService() {
		this.contextRunner.run((context) -> {
			List<MlxLmSimulator> simulators = context.getBean(FleetSimulators.class).simulators();
			assertThat(simulators).hasSize(3);
			assertThat(simulators.get(2).residentModel()).contains("model-b");
			for (int i = 0; i < 3; i++) {
				String instance = "spring.cloud.discovery.client.simple.instances.mlxlm[" + i + "]";
				assertThat(context.getEnvironment().getProperty(instance + ".uri"))
					.isEqualTo(simulators.get(i).serverUrl());
				assertThat(context.getEnvironment().getProperty(instance + ".metadata.model"))
					.isEqualTo((i < 2) ? "model-a" : "model-b");
			}
		});
	}

	@Test
	void noSimulatorStartsWithoutTheProfile() {
		new ApplicationContextRunner().withUserConfiguration(FleetConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(FleetSimulators.class));
	}

}

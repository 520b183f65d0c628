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

package io.github.mlxlm.autoconfigure.fleet;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmHealthContributorAutoConfiguration;
import io.github.mlxlm.health.MlxLmFleetHealthContributor;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmFleetHealthContributorAutoConfiguration}, with three simulators:
 * two serving the configured model, one serving another.
 */
class MlxLmFleetHealthContributorAutoConfigurationTests {

	private List<MlxLmSimulator> simulators;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.simulators = List.of(MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start(),
				MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start(),
				MlxLmSimulator.builder().model(FleetTestSupport.MODEL_B).start());
		this.contextRunner = new ApplicationContextRunner().withConfiguration(FleetTestSupport.SPRING_CLOUD)
			.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmFleetAutoConfiguration.class,
					MlxLmFleetHealthContributorAutoConfiguration.class, MlxLmHealthContributorAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class))
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.model=" + FleetTestSupport.MODEL_A,
					"mlxlm.health.timeout=2s")
			.withPropertyValues(FleetTestSupport.discovery(this.simulators));
	}

	@AfterEach
	void stop() {
		this.simulators.forEach(MlxLmSimulator::close);
	}

	@Test
	void healthHasOneComponentPerServerWithItsModel() {
		this.contextRunner.run((context) -> {
			Map<String, Health> components = components(context.getBean(MlxLmFleetHealthContributor.class));
			assertThat(components).containsOnlyKeys(names());
			assertThat(components.values()).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
			assertThat(components.get(name(2)).getDetails()).containsEntry("model", FleetTestSupport.MODEL_B)
				.containsEntry("baseUrl", this.simulators.get(2).baseUrl());
			assertThat(components.get(name(0)).getDetails()).containsEntry("model", FleetTestSupport.MODEL_A);
			assertThat(status(context.getBean(HealthEndpoint.class))).isEqualTo(Status.UP);
		});
	}

	@Test
	void fleetStaysUpWhileOneServerServingTheModelIsUp() {
		this.simulators.get(0).faults().refuseConnections(true);
		this.contextRunner.run((context) -> {
			Map<String, Health> components = components(context.getBean(MlxLmFleetHealthContributor.class));
			assertThat(components.get(name(0)).getStatus()).isEqualTo(MlxLmFleetHealthContributor.OUT_OF_ROTATION);
			assertThat(components.get(name(0)).getDetails()).containsKey("error");
			assertThat(components.get(name(1)).getStatus()).isEqualTo(Status.UP);
			assertThat(status(context.getBean(HealthEndpoint.class))).isEqualTo(Status.UP);
		});
	}

	@Test
	void fleetIsOutOfServiceWhenNoServerHasTheConfiguredModel() {
		this.contextRunner.withPropertyValues("mlxlm.model=mlx-community/missing-model").run((context) -> {
			Map<String, Health> components = components(context.getBean(MlxLmFleetHealthContributor.class));
			assertThat(components.values()).allSatisfy((health) -> {
				assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(health.getDetails()).containsEntry("modelAvailable", false);
				assertThat((String) health.getDetails().get("modelNote")).contains("mlx-community/missing-model");
			});
			assertThat(status(context.getBean(HealthEndpoint.class))).isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void fleetIsDownWhenNoServerServingTheModelIsUp() {
		this.simulators.get(0).faults().refuseConnections(true);
		this.simulators.get(1).faults().refuseConnections(true);
		this.contextRunner.run((context) -> {
			Map<String, Health> components = components(context.getBean(MlxLmFleetHealthContributor.class));
			assertThat(components.get(name(0)).getStatus()).isEqualTo(Status.DOWN);
			assertThat(components.get(name(1)).getStatus()).isEqualTo(Status.DOWN);
			assertThat(components.get(name(2)).getStatus()).isEqualTo(Status.UP);
			assertThat(status(context.getBean(HealthEndpoint.class))).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void fleetHealthIsRemovedWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.mlxlm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmFleetHealthContributor.class));
	}

	private List<String> names() {
		return List.of(name(0), name(1), name(2));
	}

	private String name(int index) {
		return this.simulators.get(index).host() + ":" + this.simulators.get(index).port();
	}

	private static Map<String, Health> components(MlxLmFleetHealthContributor contributor) {
		return contributor.stream()
			.collect(Collectors.toMap((entry) -> entry.name(),
					(entry) -> ((ReactiveHealthIndicator) entry.contributor()).health().block()));
	}

	private static Status status(HealthEndpoint endpoint) {
		HealthDescriptor descriptor = endpoint.healthForPath("mlxlm");
		assertThat(descriptor).isNotInstanceOf(IndicatedHealthDescriptor.class);
		return descriptor.getStatus();
	}

}

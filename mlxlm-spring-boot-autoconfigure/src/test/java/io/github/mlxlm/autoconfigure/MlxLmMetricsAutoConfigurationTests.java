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

package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorAutoConfiguration;
import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmMetricsAutoConfiguration}.
 */
class MlxLmMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmMetricsAutoConfiguration.class));

	@Test
	void streamMetricsAreCreatedWhenMeterRegistryIsPresent() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(MlxLmStreamMetrics.class));
	}

	@Test
	void chatModelBeanStreamsAreMeasured() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MlxLmSimulatorAutoConfiguration.class, MlxLmAutoConfiguration.class,
							MlxLmChatAutoConfiguration.class, MlxLmMetricsAutoConfiguration.class))
			.withPropertyValues("mlxlm.simulator.enabled=true", "mlxlm.simulator.tokens-per-second=0")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				StepVerifier.create(context.getBean(ChatModel.class).stream(new Prompt("Hello")).then())
					.verifyComplete();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(MlxLmStreamMetrics.TIME_TO_FIRST_CHUNK).timer().count()).isEqualTo(1);
				assertThat(registry.get(MlxLmStreamMetrics.TIME_PER_OUTPUT_CHUNK).timer().count()).isEqualTo(1);
				assertThat(registry.get(MlxLmStreamMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
			});
	}

	@Test
	void streamMetricsAreNotCreatedWithoutMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MlxLmStreamMetrics.class));
	}

	@Test
	void streamMetricsAreNotCreatedWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmStreamMetrics.class));
	}

}

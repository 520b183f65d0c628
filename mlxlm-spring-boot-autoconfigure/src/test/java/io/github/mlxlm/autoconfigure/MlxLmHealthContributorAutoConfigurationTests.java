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

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmHealthContributorAutoConfiguration}.
 */
class MlxLmHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmHealthContributorAutoConfiguration.class));

	@Test
	void healthIndicatorIsCreatedByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MlxLmHealthIndicator.class)
			.hasBean("mlxlmHealthIndicator"));
	}

	@Test
	void healthIndicatorIsRemovedWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.mlxlm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmHealthIndicator.class));
	}

	@Test
	void healthIndicatorFollowsTheDefaultOfAllHealthIndicators() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmHealthIndicator.class));
	}

	@Test
	void healthIndicatorStaysWhenAnotherChatModelIsSelected() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=ollama")
			.run((context) -> assertThat(context).hasSingleBean(MlxLmHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserHealthIndicatorConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MlxLmHealthIndicator.class)
				.getBean("mlxlmHealthIndicator")
				.isSameAs(context.getBean(UserHealthIndicatorConfiguration.class).indicator));
	}

	@Test
	void healthIndicatorIsNotCreatedWithoutHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmHealthIndicator.class));
	}

	@Test
	void generationProbeMakesHealthDownWhenGenerationThreadIsDead() {
		try (MlxLmSimulator simulator = MlxLmSimulator.builder().model("m").start()) {
			simulator.faults().deadGenerationThread(true);
			this.contextRunner
				.withPropertyValues("mlxlm.base-url=" + simulator.baseUrl(), "mlxlm.health.probe=generation",
						"mlxlm.health.timeout=2s")
				.run((context) -> assertThat(context.getBean(MlxLmHealthIndicator.class).health().block())
					.satisfies((health) -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
					.satisfies((health) -> assertThat(health.getDetails()).containsKey("failedStep")));
		}
	}

	@Test
	void livenessProbeIsTheDefault() {
		try (MlxLmSimulator simulator = MlxLmSimulator.builder().model("m").start()) {
			simulator.faults().deadGenerationThread(true);
			this.contextRunner.withPropertyValues("mlxlm.base-url=" + simulator.baseUrl())
				.run((context) -> assertThat(context.getBean(MlxLmHealthIndicator.class).health().block().getStatus())
					.isEqualTo(Status.UP));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthIndicatorConfiguration {

		final MlxLmHealthIndicator indicator = new MlxLmHealthIndicator(
				MlxLmClient.builder().baseUrl("http://user:1/v1").build(), java.time.Duration.ofSeconds(1));

		@Bean
		MlxLmHealthIndicator mlxlmHealthIndicator() {
			return this.indicator;
		}

	}

}

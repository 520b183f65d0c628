package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

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
	void streamMetricsAreNotCreatedWithoutMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MlxLmStreamMetrics.class));
	}

	@Test
	void streamMetricsAreNotCreatedWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmStreamMetrics.class));
	}

}

package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.metrics.MlxLmStreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link MlxLmStreamMetrics}: only when Micrometer and a
 * {@link MeterRegistry} are present, so an application without Micrometer pays nothing.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ChatResponse.class })
@ConditionalOnBean(MeterRegistry.class)
public final class MlxLmMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MlxLmStreamMetrics mlxLmStreamMetrics(MeterRegistry meterRegistry) {
		return new MlxLmStreamMetrics(meterRegistry);
	}

}

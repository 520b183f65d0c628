package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.autoconfigure.fleet.MlxLmFleetHealthContributorAutoConfiguration;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import io.github.mlxlm.health.MlxLmServerStartup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link MlxLmHealthIndicator}, contributed as {@code mlxlm}, for
 * one server. For an {@code lb://} base URL it backs off:
 * {@link MlxLmFleetHealthContributorAutoConfiguration} contributes {@code mlxlm} with one
 * component per server.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(after = MlxLmAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(MlxLmClient.class)
@ConditionalOnEnabledHealthIndicator("mlxlm")
@Conditional(NotLoadBalancedBaseUrlCondition.class)
public final class MlxLmHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mlxlmHealthIndicator")
	MlxLmHealthIndicator mlxlmHealthIndicator(MlxLmClient client, MlxLmProperties properties,
			ObjectProvider<MlxLmServerStartup> startup) {
		MlxLmProperties.Health health = properties.getHealth();
		return new MlxLmHealthIndicator(client, health.getTimeout(),
				health.getProbe() == MlxLmProperties.Probe.GENERATION, health.getCacheTtl(), startup.getIfUnique());
	}

}

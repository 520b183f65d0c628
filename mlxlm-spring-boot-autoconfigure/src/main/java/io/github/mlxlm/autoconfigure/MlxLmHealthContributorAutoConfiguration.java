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
 * @since 0.1.0
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

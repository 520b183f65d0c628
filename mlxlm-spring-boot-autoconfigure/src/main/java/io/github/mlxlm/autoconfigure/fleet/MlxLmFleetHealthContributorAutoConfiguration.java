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

import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.autoconfigure.MlxLmProperties;
import io.github.mlxlm.fleet.MlxLmFleetClients;
import io.github.mlxlm.health.MlxLmFleetHealthContributor;
import io.github.mlxlm.health.MlxLmHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the health of several MLX-LM servers, contributed as
 * {@code mlxlm} with one component per server (the single-server indicator backs off for
 * an {@code lb://} base URL).
 *
 * @author mlxlm developers
 */
@AutoConfiguration(after = MlxLmFleetAutoConfiguration.class,
		afterName = { "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
				"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration" })
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, DiscoveryClient.class })
@ConditionalOnBean({ MlxLmFleetClients.class, DiscoveryClient.class })
@ConditionalOnEnabledHealthIndicator("mlxlm")
public final class MlxLmFleetHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mlxlmHealthContributor")
	MlxLmFleetHealthContributor mlxlmHealthContributor(DiscoveryClient discoveryClient, MlxLmFleetClients clients,
			MlxLmProperties properties, MlxLmConnection connection) {
		String serviceId = connection.endpoint().serviceId();
		MlxLmProperties.Health health = properties.getHealth();
		return new MlxLmFleetHealthContributor(new DiscoveredFleetMembers(discoveryClient, serviceId, clients),
				properties.getModel(), (client) -> new MlxLmHealthIndicator(client, health.getTimeout(),
						health.getProbe() == MlxLmProperties.Probe.GENERATION, health.getCacheTtl()));
	}

}

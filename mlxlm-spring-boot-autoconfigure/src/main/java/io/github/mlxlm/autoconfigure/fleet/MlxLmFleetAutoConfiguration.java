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
import io.github.mlxlm.autoconfigure.ConditionalOnLoadBalancedBaseUrl;
import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmWebClientCustomizer;
import io.github.mlxlm.fleet.MlxLmFleetClients;
import io.github.mlxlm.fleet.MlxLmInFlightRequests;
import io.github.mlxlm.fleet.MlxLmInstanceStatuses;
import io.github.mlxlm.metrics.MlxLmFleetMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancerClientRequestTransformer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for several MLX-LM servers behind Spring Cloud LoadBalancer, when
 * {@code mlxlm.base-url} is an {@code lb://service-id/...} URL.
 * <p>
 * The service's servers come from any discovery client (for a fixed set, Spring Cloud's
 * simple discovery:
 * {@code spring.cloud.discovery.client.simple.instances.<service-id>[i].uri}). The MLX
 * routing policy is configured for that service id only, and the
 * {@link MlxLmWebClientCustomizer} bean adds the load-balancer filters to the MLX-LM API
 * client alone; with Micrometer, {@link MlxLmFleetMetrics} meters each server. Invalid
 * {@code mlxlm.fleet.*} properties stop start-up with a report of every one of them.
 * Without Spring Cloud LoadBalancer on the class path, start-up fails with a report that
 * names the dependency to add.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration(after = MlxLmAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnLoadBalancedBaseUrl
public final class MlxLmFleetAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorLoadBalancer.class, LoadBalancerClientSpecification.class })
	@EnableConfigurationProperties(MlxLmFleetProperties.class)
	static class LoadBalancerConfiguration {

		@Bean
		MlxLmInFlightRequests mlxLmInFlightRequests() {
			return new MlxLmInFlightRequests();
		}

		@Bean
		MlxLmFleetClients mlxLmFleetClients(MlxLmConnection connection,
				ObjectProvider<WebClient.Builder> webClientBuilder) {
			return new MlxLmFleetClients(connection.endpoint().basePath(),
					new MlxLmInstanceClientFactory(connection, webClientBuilder.getIfAvailable()));
		}

		@Bean
		MlxLmInstanceStatuses mlxLmInstanceStatuses(MlxLmFleetClients clients, MlxLmFleetProperties properties) {
			MlxLmFleetPropertiesValidator.validate(properties);
			return new MlxLmInstanceStatuses(clients, properties.getHealthCheckInterval(),
					properties.getHealthCheckTimeout());
		}

		@Bean
		LoadBalancerClientSpecification mlxLmLoadBalancerClientSpecification(MlxLmConnection connection,
				ListableBeanFactory beanFactory) {
			return MlxLmFleetLoadBalancerConfiguration.specification(connection.endpoint().serviceId(), beanFactory);
		}

		@Bean
		MlxLmWebClientCustomizer mlxLmFleetWebClientCustomizer(
				ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancerFactory,
				ObjectProvider<LoadBalancerClientRequestTransformer> transformers, MlxLmInstanceStatuses statuses,
				MlxLmInFlightRequests inFlight, MlxLmFleetProperties properties) {
			MlxLmFleetPropertiesValidator.validate(properties);
			return new MlxLmFleetWebClientCustomizer(loadBalancerFactory, transformers.orderedStream().toList(),
					statuses, inFlight, properties.getMaxAttempts());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class MetricsConfiguration {

			@Bean
			MlxLmFleetMetrics mlxLmFleetMetrics(MlxLmInFlightRequests inFlight) {
				return new MlxLmFleetMetrics(inFlight);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer")
	static class MissingLoadBalancerConfiguration {

		@Bean
		static MlxLmLoadBalancerMissingCheck mlxLmLoadBalancerMissingCheck(Environment environment) {
			return new MlxLmLoadBalancerMissingCheck(environment);
		}

	}

}

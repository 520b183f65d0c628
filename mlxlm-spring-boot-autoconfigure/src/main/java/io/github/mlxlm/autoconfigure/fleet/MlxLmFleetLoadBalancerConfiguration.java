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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mlxlm.fleet.MlxLmHealthyInstanceListSupplier;
import io.github.mlxlm.fleet.MlxLmInFlightRequests;
import io.github.mlxlm.fleet.MlxLmInstanceStatuses;
import io.github.mlxlm.fleet.MlxLmLoadBalancer;
import io.github.mlxlm.fleet.MlxLmRoutingPolicy;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Load-balancer configuration of the MLX-LM service only (registered for its service id
 * with a {@code LoadBalancerClientSpecification}, so other services keep theirs):
 * instances from discovery, cached, less those found down; the MLX routing policy, or
 * round robin. The application's own {@code @LoadBalancerClient} for the service is
 * merged in before it (see {@link #specification}), so its beans win.
 * <p>
 * Runs in the service's own load-balancer context, whose parent is the application
 * context that holds the fleet's shared state.
 *
 * @author mlxlm developers
 */
@Configuration(proxyBeanMethods = false)
class MlxLmFleetLoadBalancerConfiguration {

	/**
	 * Return the load-balancer specification of the MLX-LM service: this configuration,
	 * after the configuration of the application's own
	 * {@code @LoadBalancerClient(name = "<service-id>")} if it has one. Spring Cloud
	 * keeps one specification per service id, so a second one would silently replace the
	 * first; merged, the application's beans win and this one supplies the rest.
	 * @param serviceId the service id
	 * @param beanFactory the application's bean factory
	 * @return the specification
	 */
	static LoadBalancerClientSpecification specification(String serviceId, ListableBeanFactory beanFactory) {
		List<Class<?>> configuration = new ArrayList<>();
		// The bean name that @LoadBalancerClient's registrar gives the specification.
		String applicationSpecification = serviceId + "." + LoadBalancerClientSpecification.class.getSimpleName();
		if (beanFactory.containsBean(applicationSpecification)) {
			configuration.addAll(
					Arrays.asList(beanFactory.getBean(applicationSpecification, LoadBalancerClientSpecification.class)
						.getConfiguration()));
		}
		configuration.add(MlxLmFleetLoadBalancerConfiguration.class);
		return new LoadBalancerClientSpecification(serviceId, configuration.toArray(Class<?>[]::new));
	}

	@Bean
	// This service's context only: the application context is its parent, and a bean
	// there serves other services.
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	ServiceInstanceListSupplier mlxLmServiceInstanceListSupplier(ConfigurableApplicationContext context,
			MlxLmInstanceStatuses statuses) {
		return new MlxLmHealthyInstanceListSupplier(
				ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching().build(context), statuses);
	}

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	ReactorLoadBalancer<ServiceInstance> mlxLmReactorLoadBalancer(Environment environment,
			LoadBalancerClientFactory loadBalancerClientFactory, MlxLmFleetProperties properties,
			MlxLmInFlightRequests inFlight, MlxLmInstanceStatuses statuses) {
		String serviceId = LoadBalancerClientFactory.getName(environment);
		ObjectProvider<ServiceInstanceListSupplier> suppliers = loadBalancerClientFactory.getLazyProvider(serviceId,
				ServiceInstanceListSupplier.class);
		if (properties.getPolicy() == MlxLmFleetProperties.Policy.ROUND_ROBIN) {
			return new RoundRobinLoadBalancer(suppliers, serviceId);
		}
		boolean conversationAffinity = properties.getPolicy() == MlxLmFleetProperties.Policy.MLX;
		return new MlxLmLoadBalancer(suppliers, serviceId,
				new MlxLmRoutingPolicy(inFlight, statuses::model, conversationAffinity));
	}

}

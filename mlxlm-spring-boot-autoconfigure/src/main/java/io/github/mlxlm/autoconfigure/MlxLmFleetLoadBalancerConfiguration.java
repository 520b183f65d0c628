package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.fleet.MlxLmHealthyInstanceListSupplier;
import io.github.mlxlm.fleet.MlxLmInFlightRequests;
import io.github.mlxlm.fleet.MlxLmInstanceStatuses;
import io.github.mlxlm.fleet.MlxLmLoadBalancer;
import io.github.mlxlm.fleet.MlxLmRoutingPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
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
 * round robin.
 * <p>
 * Runs in the service's own load-balancer context, whose parent is the application
 * context that holds the fleet's shared state.
 *
 * @author mlxlm developers
 */
@Configuration(proxyBeanMethods = false)
class MlxLmFleetLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier mlxLmServiceInstanceListSupplier(ConfigurableApplicationContext context,
			MlxLmInstanceStatuses statuses) {
		return new MlxLmHealthyInstanceListSupplier(
				ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching().build(context), statuses);
	}

	@Bean
	ReactorLoadBalancer<ServiceInstance> mlxLmReactorLoadBalancer(Environment environment,
			LoadBalancerClientFactory loadBalancerClientFactory, MlxLmFleetProperties properties,
			MlxLmInFlightRequests inFlight, MlxLmInstanceStatuses statuses) {
		String serviceId = LoadBalancerClientFactory.getName(environment);
		ObjectProvider<ServiceInstanceListSupplier> suppliers = loadBalancerClientFactory.getLazyProvider(serviceId,
				ServiceInstanceListSupplier.class);
		if (properties.getPolicy() == MlxLmFleetProperties.Policy.ROUND_ROBIN) {
			return new RoundRobinLoadBalancer(suppliers, serviceId);
		}
		return new MlxLmLoadBalancer(suppliers, serviceId, new MlxLmRoutingPolicy(inFlight, statuses::model));
	}

}

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
import java.util.List;

import io.github.mlxlm.autoconfigure.MlxLmWebClientCustomizer;
import io.github.mlxlm.fleet.MlxLmFailoverExchangeFilterFunction;
import io.github.mlxlm.fleet.MlxLmInFlightRequests;
import io.github.mlxlm.fleet.MlxLmInstanceExchangeFilterFunction;
import io.github.mlxlm.fleet.MlxLmInstanceStatuses;
import io.github.mlxlm.fleet.MlxLmLoadBalancedSchemeTransformer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancerClientRequestTransformer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the fleet's three filters to the MLX-LM API client's builder, after the filters it
 * already has, in this order:
 * <ol>
 * <li>{@link MlxLmFailoverExchangeFilterFunction}: tries another server when a connection
 * could not be opened;</li>
 * <li>Spring Cloud's {@link ReactorLoadBalancerExchangeFilterFunction}: asks the
 * service's load balancer for a server and rewrites the URL to it (the {@code lb} scheme
 * becoming {@code http} or {@code https});</li>
 * <li>{@link MlxLmInstanceExchangeFilterFunction}: counts the request in flight on that
 * server until its whole body ended, and tells the failover filter whether it was
 * written.</li>
 * </ol>
 *
 * @author mlxlm developers
 */
class MlxLmFleetWebClientCustomizer implements MlxLmWebClientCustomizer {

	private final List<ExchangeFilterFunction> filters;

	MlxLmFleetWebClientCustomizer(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers,
			List<LoadBalancerClientRequestTransformer> transformers, MlxLmInstanceStatuses statuses,
			MlxLmInFlightRequests inFlight, int maxAttempts) {
		List<LoadBalancerClientRequestTransformer> all = new ArrayList<>();
		all.add(new MlxLmLoadBalancedSchemeTransformer());
		all.addAll(transformers);
		this.filters = List.of(new MlxLmFailoverExchangeFilterFunction(statuses, maxAttempts),
				new ReactorLoadBalancerExchangeFilterFunction(loadBalancers, all),
				new MlxLmInstanceExchangeFilterFunction(inFlight));
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filters((filters) -> filters.addAll(this.filters));
	}

}

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

package io.github.mlxlm.fleet;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mlxlm.api.MlxLmRoutingHint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The load balancer of an MLX-LM fleet: chooses with {@link MlxLmRoutingPolicy}.
 * <p>
 * It reads the request's {@link MlxLmRoutingHint} (model and conversation key) and its
 * {@link MlxLmRoutingAttempt} (instances already refused) from the {@code WebClient}
 * request attributes, which Spring Cloud's load-balancer exchange filter passes in a
 * {@link RequestDataContext}. A request that carries neither is treated as one for the
 * default model outside any conversation.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private static final Log logger = LogFactory.getLog(MlxLmLoadBalancer.class);

	private final String serviceId;

	private final SingletonSupplier<ServiceInstanceListSupplier> supplier;

	private final MlxLmRoutingPolicy policy;

	/**
	 * Create a new load balancer.
	 * @param suppliers the source of the service's (healthy) instances
	 * @param serviceId the service id
	 * @param policy the routing policy
	 */
	public MlxLmLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, String serviceId,
			MlxLmRoutingPolicy policy) {
		Assert.notNull(suppliers, "'suppliers' must not be null");
		Assert.notNull(policy, "'policy' must not be null");
		this.serviceId = serviceId;
		this.supplier = SingletonSupplier.of(() -> suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new));
		this.policy = policy;
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.supplier.obtain();
		Map<String, Object> attributes = attributes(request);
		MlxLmRoutingHint hint = (attributes.get(MlxLmRoutingHint.ATTRIBUTE) instanceof MlxLmRoutingHint value) ? value
				: null;
		MlxLmRoutingAttempt attempt = (attributes
			.get(MlxLmRoutingAttempt.ATTRIBUTE) instanceof MlxLmRoutingAttempt value) ? value : null;
		Set<String> excluded = (attempt != null) ? attempt.excluded() : Set.of();
		return supplier.get(request).next().map((instances) -> {
			List<ServiceInstance> ranked = this.policy.rank(instances, hint, excluded);
			if (ranked.isEmpty()) {
				if (logger.isWarnEnabled()) {
					logger.warn("No MLX-LM instance available for service " + this.serviceId
							+ (excluded.isEmpty() ? "" : " (refused: " + excluded + ")"));
				}
				return new EmptyResponse();
			}
			ServiceInstance chosen = ranked.get(0);
			if (attempt != null) {
				attempt.alternativeLeft(ranked.size() > 1);
			}
			if (supplier instanceof SelectedInstanceCallback callback) {
				callback.selectedServiceInstance(chosen);
			}
			return new DefaultResponse(chosen);
		});
	}

	@SuppressWarnings("rawtypes")
	private static Map<String, Object> attributes(Request request) {
		if (request.getContext() instanceof RequestDataContext context) {
			RequestData data = context.getClientRequest();
			if (data != null && data.getAttributes() != null) {
				return data.getAttributes();
			}
		}
		return Map.of();
	}

	@Override
	public String toString() {
		return "MlxLmLoadBalancer[serviceId=" + this.serviceId + ", policy=" + this.policy + "]";
	}

}

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

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.util.Assert;

/**
 * Leaves out the instances whose last check found them down (or that refused a connection
 * since), using {@link MlxLmInstanceStatuses}, whatever the routing policy.
 * <p>
 * When every instance is down, all are offered: a status can be stale, and a request that
 * then fails names the real cause (a refused connection) instead of "no instance".
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmHealthyInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private final MlxLmInstanceStatuses statuses;

	/**
	 * Create a new supplier.
	 * @param delegate the source of all instances (usually discovery)
	 * @param statuses the status of each instance
	 */
	public MlxLmHealthyInstanceListSupplier(ServiceInstanceListSupplier delegate, MlxLmInstanceStatuses statuses) {
		super(delegate);
		Assert.notNull(statuses, "'statuses' must not be null");
		this.statuses = statuses;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get().concatMap(this::healthy);
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Flux<List<ServiceInstance>> get(Request request) {
		return this.delegate.get(request).concatMap(this::healthy);
	}

	private Mono<List<ServiceInstance>> healthy(List<ServiceInstance> instances) {
		return Flux.fromIterable(instances)
			.flatMapSequential((instance) -> this.statuses.status(instance)
				.filter(MlxLmInstanceStatus::up)
				.map((status) -> instance))
			.collectList()
			.map((up) -> up.isEmpty() ? instances : up);
	}

}

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

import java.util.List;
import java.util.function.Supplier;

import io.github.mlxlm.fleet.MlxLmFleetClients;
import io.github.mlxlm.fleet.MlxLmInstances;
import io.github.mlxlm.fleet.MlxLmRoutingPolicy;
import io.github.mlxlm.health.MlxLmFleetHealthContributor.Member;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.util.StringUtils;

/**
 * The servers of the MLX-LM service as discovery knows them now, for health.
 *
 * @author mlxlm developers
 */
class DiscoveredFleetMembers implements Supplier<List<Member>> {

	private final DiscoveryClient discoveryClient;

	private final String serviceId;

	private final MlxLmFleetClients clients;

	DiscoveredFleetMembers(DiscoveryClient discoveryClient, String serviceId, MlxLmFleetClients clients) {
		this.discoveryClient = discoveryClient;
		this.serviceId = serviceId;
		this.clients = clients;
	}

	@Override
	public List<Member> get() {
		List<ServiceInstance> instances = this.discoveryClient.getInstances(this.serviceId);
		this.clients.retainOnly(instances);
		return instances.stream()
			.map((instance) -> new Member(MlxLmInstances.key(instance), this.clients.client(instance),
					declaredModel(instance)))
			.toList();
	}

	private static @Nullable String declaredModel(ServiceInstance instance) {
		String model = (instance.getMetadata() != null)
				? instance.getMetadata().get(MlxLmRoutingPolicy.MODEL_METADATA_KEY) : null;
		return StringUtils.hasText(model) ? model.strip() : null;
	}

}

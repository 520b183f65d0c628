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

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.mlxlm.client.MlxLmClient;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.Assert;

/**
 * One {@link MlxLmClient} per instance, addressed directly (never through the load
 * balancer), for the checks that must reach one particular server: the routing policy's
 * health and model probe, and health per instance.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmFleetClients {

	private final String basePath;

	private final Function<String, MlxLmClient> factory;

	private final Map<String, MlxLmClient> clients = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param basePath the path of the load-balanced base URL, such as {@code /v1}
	 * @param factory builds the client of one server from its base URL, such as
	 * {@code http://10.0.0.7:8080/v1}; it should configure no model, so that detection
	 * reports the model the server itself serves
	 */
	public MlxLmFleetClients(String basePath, Function<String, MlxLmClient> factory) {
		Assert.notNull(basePath, "'basePath' must not be null");
		Assert.notNull(factory, "'factory' must not be null");
		this.basePath = basePath;
		this.factory = factory;
	}

	/**
	 * Return the client of an instance, built on first use.
	 * @param instance the instance
	 * @return its client
	 */
	public MlxLmClient client(ServiceInstance instance) {
		return this.clients.computeIfAbsent(MlxLmInstances.key(instance),
				(key) -> this.factory.apply(MlxLmInstances.baseUrl(instance, this.basePath)));
	}

	/**
	 * Forget the clients of servers that left discovery, so that churn (Kubernetes,
	 * Consul) does not keep a client per server ever seen.
	 * @param current the instances discovery lists now
	 */
	public void retainOnly(Collection<? extends ServiceInstance> current) {
		Set<String> keys = current.stream().map(MlxLmInstances::key).collect(Collectors.toSet());
		this.clients.keySet().retainAll(keys);
	}

	/**
	 * Return the servers this holds a client for.
	 * @return their names, such as {@code 10.0.0.7:8080}
	 */
	public Set<String> servers() {
		return Set.copyOf(this.clients.keySet());
	}

}

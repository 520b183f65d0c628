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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.fleet.MlxLmFleetClients;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveredFleetMembers}: servers that leave discovery leave no client
 * behind, however many come and go.
 */
class DiscoveredFleetMembersTests {

	@Test
	void aThousandInstanceChangesKeepOnlyTheCurrentServersClients() {
		AtomicInteger generation = new AtomicInteger();
		DiscoveryClient discovery = new DiscoveryClient() {

			@Override
			public String description() {
				return "churning";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				int n = generation.getAndIncrement();
				// A stable server and one that is replaced at every change.
				return List.of(instance("10.0.0.1", 8080), instance("10.0.1." + (n % 250), 9000 + n / 250));
			}

			@Override
			public List<String> getServices() {
				return List.of("mlxlm");
			}

		};
		MlxLmFleetClients clients = new MlxLmFleetClients("/v1",
				(baseUrl) -> MlxLmClient.builder().baseUrl(baseUrl).build());
		DiscoveredFleetMembers members = new DiscoveredFleetMembers(discovery, "mlxlm", clients);
		for (int i = 0; i < 1000; i++) {
			assertThat(members.get()).hasSize(2);
		}
		assertThat(clients.servers()).hasSize(2).contains("10.0.0.1:8080");
	}

	private static ServiceInstance instance(String host, int port) {
		return new DefaultServiceInstance(host + ":" + port, "mlxlm", host, port, false, Map.of());
	}

}

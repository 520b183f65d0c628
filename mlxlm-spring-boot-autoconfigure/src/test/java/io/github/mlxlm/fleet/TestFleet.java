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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmRoutingHint;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Several in-process simulators (loopback only) behind the fleet's load balancer, and a
 * plain {@code WebClient} with the fleet's three filters in their order.
 */
final class TestFleet implements AutoCloseable {

	static final String SERVICE_ID = "mlxlm";

	static final String MODEL_A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String MODEL_B = "mlx-community/gemma-3-1b-it-4bit";

	static final String CHAT_PATH = "/v1/chat/completions";

	final List<MlxLmSimulator> simulators;

	final List<ServiceInstance> instances = new ArrayList<>();

	final MlxLmInFlightRequests inFlight = new MlxLmInFlightRequests();

	final MlxLmInstanceStatuses statuses;

	final MlxLmRoutingPolicy policy;

	final MlxLmLoadBalancer loadBalancer;

	private TestFleet(List<MlxLmSimulator> simulators, List<Map<String, String>> metadata) {
		this.simulators = simulators;
		for (int i = 0; i < simulators.size(); i++) {
			MlxLmSimulator simulator = simulators.get(i);
			this.instances.add(new DefaultServiceInstance(simulator.host() + ":" + simulator.port(), SERVICE_ID,
					simulator.host(), simulator.port(), false, metadata.get(i)));
		}
		MlxLmFleetClients clients = new MlxLmFleetClients("/v1",
				(baseUrl) -> MlxLmClient.builder().baseUrl(baseUrl).connectTimeout(Duration.ofSeconds(2)).build());
		this.statuses = new MlxLmInstanceStatuses(clients, Duration.ofMinutes(10), Duration.ofSeconds(2));
		this.policy = new MlxLmRoutingPolicy(this.inFlight, (key) -> {
			MlxLmInstanceStatus status = this.statuses.current(key);
			return (status != null) ? status.model() : null;
		});
		ServiceInstanceListSupplier supplier = new MlxLmHealthyInstanceListSupplier(
				ServiceInstanceListSuppliers.from(SERVICE_ID, this.instances.toArray(ServiceInstance[]::new)),
				this.statuses);
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("supplier", supplier));
		this.loadBalancer = new MlxLmLoadBalancer(beans.getBeanProvider(ServiceInstanceListSupplier.class), SERVICE_ID,
				this.policy);
	}

	/**
	 * Start one simulator per model given, each listing only its own model (so that its
	 * check detects it).
	 */
	static TestFleet start(String... models) {
		List<MlxLmSimulator> simulators = new ArrayList<>();
		for (String model : models) {
			simulators.add(MlxLmSimulator.builder().model(model).start());
		}
		return of(simulators);
	}

	/**
	 * Start one simulator per model given, each listing both models in random order (its
	 * check cannot tell which one it serves), with the model declared in the instance
	 * metadata.
	 */
	static TestFleet startDeclared(String... models) {
		List<MlxLmSimulator> simulators = new ArrayList<>();
		List<Map<String, String>> metadata = new ArrayList<>();
		for (String model : models) {
			simulators.add(MlxLmSimulator.builder()
				.model(model)
				.huggingFaceCache(MODEL_A, MODEL_B)
				.shuffleModels(true)
				.start());
			metadata.add(Map.of(MlxLmRoutingPolicy.MODEL_METADATA_KEY, model));
		}
		return new TestFleet(simulators, metadata);
	}

	static TestFleet of(List<MlxLmSimulator> simulators) {
		return new TestFleet(simulators, simulators.stream().map((simulator) -> Map.<String, String>of()).toList());
	}

	WebClient webClient() {
		return webClient(ObservationRegistry.NOOP);
	}

	WebClient webClient(ObservationRegistry observationRegistry) {
		HttpClient httpClient = HttpClient.create(ConnectionProvider.newConnection())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(10));
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.observationRegistry(observationRegistry)
			.filter(new MlxLmFailoverExchangeFilterFunction(this.statuses, 3))
			.filter(new ReactorLoadBalancerExchangeFilterFunction(new Factory(this.loadBalancer),
					List.of(new MlxLmLoadBalancedSchemeTransformer())))
			.filter(new MlxLmInstanceExchangeFilterFunction(this.inFlight))
			.baseUrl("lb://" + SERVICE_ID + "/v1")
			.build();
	}

	Mono<String> chat(WebClient webClient, String model, String key) {
		String body = "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
		return webClient.post()
			.uri("/chat/completions")
			.attribute(MlxLmRoutingHint.ATTRIBUTE, new MlxLmRoutingHint(model, key))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.bodyToMono(String.class);
	}

	/**
	 * Return how many chat requests a simulator received (probes left out).
	 */
	static long chats(MlxLmSimulator simulator) {
		return simulator.requests().stream().filter((request) -> request.path().equals(CHAT_PATH)).count();
	}

	int indexOf(String instanceKey) {
		for (int i = 0; i < this.instances.size(); i++) {
			if (MlxLmInstances.key(this.instances.get(i)).equals(instanceKey)) {
				return i;
			}
		}
		throw new IllegalArgumentException(instanceKey);
	}

	/**
	 * Find an affinity key whose first choice, among all instances, is the given one.
	 */
	String keyFirstRanking(int index) {
		String wanted = MlxLmInstances.key(this.instances.get(index));
		for (int i = 0;; i++) {
			String key = "conversation-" + i;
			if (MlxLmInstances.key(RendezvousHashing.rank(key, this.instances, MlxLmInstances::key).get(0))
				.equals(wanted)) {
				return key;
			}
		}
	}

	@Override
	public void close() {
		this.simulators.forEach(MlxLmSimulator::close);
	}

	private record Factory(MlxLmLoadBalancer loadBalancer) implements ReactiveLoadBalancer.Factory<ServiceInstance> {

		@Override
		public ReactiveLoadBalancer<ServiceInstance> getInstance(String serviceId) {
			return this.loadBalancer;
		}

		@Override
		public LoadBalancerProperties getProperties(String serviceId) {
			return new LoadBalancerProperties();
		}

		@Override
		public <X> Map<String, X> getInstances(String name, Class<X> type) {
			return Map.of();
		}

		@Override
		public <X> X getInstance(String name, Class<?> clazz, Class<?>... generics) {
			throw new UnsupportedOperationException();
		}

	}

}

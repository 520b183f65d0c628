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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.mlxlm.api.MlxLmRoutingHint;
import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Ranks the instances of an MLX-LM fleet for one request, best first; the load balancer
 * sends the request to the first, and failover goes down the list.
 * <ol>
 * <li><b>Model</b>: a request for a model goes to the instances that serve it. A request
 * for another model makes a server evict its model and load that one (seconds to
 * minutes), so an instance serving another model is used only when no instance serves the
 * model and none is of unknown model. A request for {@value MlxLmClient#DEFAULT_MODEL}
 * may go anywhere.</li>
 * <li><b>Conversation</b>: a request with an affinity key ranks the instances by
 * rendezvous hashing of the key, so every turn of a conversation reaches the server whose
 * prompt cache holds it, and losing an instance moves only the conversations it
 * held.</li>
 * <li><b>Load</b>: an instance with more than twice the requests in flight of the least
 * loaded one, plus two, gives way to the next one in hash order (a cold prompt cache
 * costs less than a long queue). A request without a key goes to the least loaded
 * instance.</li>
 * </ol>
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmRoutingPolicy {

	/**
	 * Instance metadata key that names the model an instance serves; it wins over the
	 * model the instance's check detected.
	 */
	public static final String MODEL_METADATA_KEY = "model";

	private final MlxLmInFlightRequests inFlight;

	private final Function<String, @Nullable String> detectedModel;

	private final boolean conversationAffinity;

	private final AtomicInteger rotation = new AtomicInteger();

	/**
	 * Create a new policy that keeps conversations on their server.
	 * @param inFlight the requests in flight per instance
	 * @param detectedModel the model an instance's check detected, by instance name, or
	 * {@code null} when unknown
	 */
	public MlxLmRoutingPolicy(MlxLmInFlightRequests inFlight, Function<String, @Nullable String> detectedModel) {
		this(inFlight, detectedModel, true);
	}

	/**
	 * Create a new policy.
	 * @param inFlight the requests in flight per instance
	 * @param detectedModel the model an instance's check detected, by instance name, or
	 * {@code null} when unknown
	 * @param conversationAffinity whether a request with an affinity key goes to the
	 * server that holds its conversation; when {@code false}, every request goes to the
	 * server with the fewest requests in flight among those serving its model
	 */
	public MlxLmRoutingPolicy(MlxLmInFlightRequests inFlight, Function<String, @Nullable String> detectedModel,
			boolean conversationAffinity) {
		Assert.notNull(inFlight, "'inFlight' must not be null");
		Assert.notNull(detectedModel, "'detectedModel' must not be null");
		this.inFlight = inFlight;
		this.detectedModel = detectedModel;
		this.conversationAffinity = conversationAffinity;
	}

	/**
	 * Rank the instances for a request, best first.
	 * @param instances the instances available (already healthy)
	 * @param hint the request's hint, or {@code null} when it has none (treated as a
	 * request for the default model outside any conversation)
	 * @param excluded names of instances this request must not go to
	 * @return the instances worth trying, best first; empty when none is left
	 */
	public List<ServiceInstance> rank(List<ServiceInstance> instances, @Nullable MlxLmRoutingHint hint,
			Set<String> excluded) {
		List<ServiceInstance> live = instances.stream()
			.filter((instance) -> !excluded.contains(MlxLmInstances.key(instance)))
			.toList();
		if (live.isEmpty()) {
			return List.of();
		}
		List<ServiceInstance> pool = servingModel(live, (hint != null) ? hint.model() : null);
		String key = (hint != null) ? hint.affinityKey() : null;
		return (this.conversationAffinity && StringUtils.hasText(key)) ? byAffinity(pool, key) : byLoad(pool);
	}

	/**
	 * Return the model an instance serves: its {@value #MODEL_METADATA_KEY} metadata,
	 * else what its check detected.
	 * @param instance the instance
	 * @return the model id, or {@code null} when unknown
	 */
	public @Nullable String modelOf(ServiceInstance instance) {
		String declared = (instance.getMetadata() != null) ? instance.getMetadata().get(MODEL_METADATA_KEY) : null;
		if (StringUtils.hasText(declared)) {
			return declared.strip();
		}
		return this.detectedModel.apply(MlxLmInstances.key(instance));
	}

	private List<ServiceInstance> servingModel(List<ServiceInstance> live, @Nullable String model) {
		if (!StringUtils.hasText(model) || MlxLmClient.DEFAULT_MODEL.equals(model)) {
			return live;
		}
		List<ServiceInstance> serving = new ArrayList<>();
		List<ServiceInstance> unknown = new ArrayList<>();
		for (ServiceInstance instance : live) {
			String served = modelOf(instance);
			if (served == null) {
				unknown.add(instance);
			}
			else if (served.equals(model)) {
				serving.add(instance);
			}
		}
		if (!serving.isEmpty()) {
			// Even when the instances serving it are busy: a model swap stalls
			// everything.
			return serving;
		}
		// Unknown ones may serve it; failing that, one server has to load it.
		return !unknown.isEmpty() ? unknown : live;
	}

	private List<ServiceInstance> byAffinity(List<ServiceInstance> pool, String key) {
		List<ServiceInstance> ranked = RendezvousHashing.rank(key, pool, MlxLmInstances::key);
		int least = ranked.stream().mapToInt(this::inFlight).min().orElse(0);
		int limit = 2 * least + 2;
		for (int i = 0; i < ranked.size(); i++) {
			if (inFlight(ranked.get(i)) <= limit) {
				if (i > 0) {
					ranked.add(0, ranked.remove(i));
				}
				break;
			}
		}
		return ranked;
	}

	private List<ServiceInstance> byLoad(List<ServiceInstance> pool) {
		// Ties (an idle fleet) rotate, so that requests spread instead of piling on
		// the first.
		int start = this.rotation.getAndIncrement() & Integer.MAX_VALUE;
		List<ServiceInstance> rotated = new ArrayList<>(pool.size());
		for (int i = 0; i < pool.size(); i++) {
			rotated.add(pool.get((start + i) % pool.size()));
		}
		rotated.sort(Comparator.comparingInt(this::inFlight));
		return rotated;
	}

	private int inFlight(ServiceInstance instance) {
		return this.inFlight.get(MlxLmInstances.key(instance));
	}

	@Override
	public String toString() {
		return "MlxLmRoutingPolicy[conversationAffinity=" + this.conversationAffinity + "]";
	}

}

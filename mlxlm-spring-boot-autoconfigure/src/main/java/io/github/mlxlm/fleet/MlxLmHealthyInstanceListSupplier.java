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

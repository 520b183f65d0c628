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

package io.github.mlxlm.metrics;

import io.github.mlxlm.fleet.MlxLmInFlightRequests;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Meters per server of an MLX-LM fleet, tagged {@code server.address} and
 * {@code server.port}:
 * <ul>
 * <li>{@value #ACTIVE} (gauge): requests in flight on the server, streams until their
 * last byte; what the routing policy balances on;</li>
 * <li>{@value #REQUESTS} (counter): requests sent to the server, so that the spread over
 * the fleet (and how well conversations stick) shows.</li>
 * </ul>
 * A server's meters appear with its first request.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmFleetMetrics implements MeterBinder {

	/**
	 * Name of the gauge of requests in flight.
	 */
	public static final String ACTIVE = "mlxlm.fleet.requests.active";

	/**
	 * Name of the counter of requests sent.
	 */
	public static final String REQUESTS = "mlxlm.fleet.requests";

	private final MlxLmInFlightRequests inFlight;

	/**
	 * Create a new binder.
	 * @param inFlight the fleet's request counts
	 */
	public MlxLmFleetMetrics(MlxLmInFlightRequests inFlight) {
		Assert.notNull(inFlight, "'inFlight' must not be null");
		this.inFlight = inFlight;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.inFlight.whenFirstSeen((instance) -> register(registry, instance));
		this.inFlight.instances().forEach((instance) -> register(registry, instance));
	}

	private void register(MeterRegistry registry, String instance) {
		int colon = instance.lastIndexOf(':');
		Tags tags = Tags.of("server.address", instance.substring(0, colon), "server.port",
				instance.substring(colon + 1));
		Gauge.builder(ACTIVE, this.inFlight, (counts) -> counts.get(instance))
			.description("Requests in flight on one MLX-LM server of the fleet, until their last byte")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder(REQUESTS, this.inFlight, (counts) -> counts.total(instance))
			.description("Requests sent to one MLX-LM server of the fleet")
			.tags(tags)
			.register(registry);
	}

}

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

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Follows one exchange with the instance the load balancer chose: counts it in flight for
 * the whole response and tells the request's {@link MlxLmRoutingAttempt} where it went
 * and when its first byte was about to be written.
 * <p>
 * Placed after Spring Cloud's load-balancer filter, so that it sees the instance's
 * address. A count ends when the response body completes, fails or is cancelled (or the
 * exchange fails or is cancelled before a response): Spring Cloud's
 * {@code LoadBalancerLifecycle} ends at the response headers, which for a stream of
 * several minutes is far too early. A response whose body is never read nor released
 * stays counted.
 * <p>
 * It also names the server on the exchange's observation ({@value #SERVER_ADDRESS},
 * {@value #SERVER_PORT}, high cardinality).
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmInstanceExchangeFilterFunction implements ExchangeFilterFunction {

	/**
	 * Observation key of the chosen server's host.
	 */
	public static final String SERVER_ADDRESS = "server.address";

	/**
	 * Observation key of the chosen server's port.
	 */
	public static final String SERVER_PORT = "server.port";

	private final MlxLmInFlightRequests inFlight;

	/**
	 * Create a new filter.
	 * @param inFlight where requests in flight are counted
	 */
	public MlxLmInstanceExchangeFilterFunction(MlxLmInFlightRequests inFlight) {
		Assert.notNull(inFlight, "'inFlight' must not be null");
		this.inFlight = inFlight;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String instance = MlxLmInstances.key(request.url());
		MlxLmRoutingAttempt attempt = request.attribute(MlxLmRoutingAttempt.ATTRIBUTE)
			.filter(MlxLmRoutingAttempt.class::isInstance)
			.map(MlxLmRoutingAttempt.class::cast)
			.orElse(null);
		return Mono.deferContextual((context) -> {
			tagObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null), request.url());
			ClientRequest sent = request;
			if (attempt != null) {
				attempt.sentTo(instance);
				sent = markWritten(request, attempt);
			}
			AtomicBoolean ended = new AtomicBoolean();
			Runnable end = () -> {
				if (ended.compareAndSet(false, true)) {
					this.inFlight.ended(instance);
				}
			};
			this.inFlight.started(instance);
			return next.exchange(sent)
				.doOnError((ex) -> end.run())
				.doOnCancel(end)
				// Ended before the body's end is passed on, so that whoever sees the end
				// sees the request no longer in flight.
				.map((response) -> response.mutate()
					.body((body) -> body.doOnComplete(end).doOnError((ex) -> end.run()).doOnCancel(end))
					.build());
		});
	}

	/*
	 * Name the server on the {@code WebClient} observation of this exchange, so that a
	 * trace shows which server answered (high cardinality: kept out of the timer's tags,
	 * which other clients' requests share).
	 */
	private static void tagObservation(@Nullable Observation observation, URI url) {
		if (observation != null && !observation.isNoop()) {
			observation.highCardinalityKeyValue(SERVER_ADDRESS, String.valueOf(url.getHost()));
			observation.highCardinalityKeyValue(SERVER_PORT, String.valueOf(port(url)));
		}
	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

	/*
	 * Wrap the body writer: the connector calls it once the connection is open, before
	 * the request's first byte is written (also for a request without a body).
	 */
	private static ClientRequest markWritten(ClientRequest request, MlxLmRoutingAttempt attempt) {
		BodyInserter<?, ? super ClientHttpRequest> body = request.body();
		return ClientRequest.from(request).body((message, context) -> {
			attempt.written();
			return body.insert(message, context);
		}).build();
	}

}

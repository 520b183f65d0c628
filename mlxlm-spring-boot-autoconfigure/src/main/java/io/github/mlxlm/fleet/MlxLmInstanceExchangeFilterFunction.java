package io.github.mlxlm.fleet;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Follows one exchange with the instance the load balancer chose: counts it in flight for the
 * whole response and tells the request's {@link MlxLmRoutingAttempt} where it went and when
 * its first byte was about to be written.
 * <p>
 * Placed after Spring Cloud's load-balancer filter, so that it sees the instance's address.
 * A count ends when the response body completes, fails or is cancelled (or the exchange fails
 * or is cancelled before a response): Spring Cloud's {@code LoadBalancerLifecycle} ends at the
 * response headers, which for a stream of several minutes is far too early. A response whose
 * body is never read nor released stays counted.
 *
 * @author mlxlm developers
 */
public class MlxLmInstanceExchangeFilterFunction implements ExchangeFilterFunction {

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
		return Mono.defer(() -> {
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
				.map((response) -> response.mutate().body((body) -> body.doFinally((signal) -> end.run())).build());
		});
	}

	/**
	 * Wrap the body writer: the connector calls it once the connection is open, before the
	 * request's first byte is written (also for a request without a body).
	 */
	private static ClientRequest markWritten(ClientRequest request, MlxLmRoutingAttempt attempt) {
		BodyInserter<?, ? super ClientHttpRequest> body = request.body();
		return ClientRequest.from(request).body((message, context) -> {
			attempt.written();
			return body.insert(message, context);
		}).build();
	}

}

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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends a request to the next instance when the chosen one could not be connected to
 * (refused, no route, or no connection within the connect timeout), and marks that
 * instance down so that the requests after it skip it too.
 * <p>
 * Only a failure before the connection was open is tried again: such a request never
 * reached a server. Once the request started to be written, a failure (a reset, a closed
 * connection, a read timeout) is never sent again, because the server may already be
 * generating: sending it again would run the generation twice.
 * <p>
 * Placed before Spring Cloud's load-balancer filter, so that each try is a new choice,
 * and together with {@link MlxLmInstanceExchangeFilterFunction} after it, which tells
 * this filter where each try went and whether it was written. Each request gets its own
 * {@link MlxLmRoutingAttempt}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmFailoverExchangeFilterFunction implements ExchangeFilterFunction {

	private final @Nullable MlxLmInstanceStatuses statuses;

	private final int maxAttempts;

	/**
	 * Create a new filter.
	 * @param statuses where a refused instance is marked down, or {@code null}
	 * @param maxAttempts tries per request, the first one included (at least 1); the load
	 * balancer's instances bound them too
	 */
	public MlxLmFailoverExchangeFilterFunction(@Nullable MlxLmInstanceStatuses statuses, int maxAttempts) {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		this.statuses = statuses;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			MlxLmRoutingAttempt attempt = new MlxLmRoutingAttempt();
			ClientRequest routed = ClientRequest.from(request)
				.attribute(MlxLmRoutingAttempt.ATTRIBUTE, attempt)
				.build();
			return Mono.defer(() -> next.exchange(routed))
				.doOnError((ex) -> isUnsent(ex, attempt), (ex) -> excludeAndMark(attempt, ex))
				.retryWhen(Retry.max(this.maxAttempts - 1)
					.filter((ex) -> isUnsent(ex, attempt) && attempt.isAlternativeLeft())
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
		});
	}

	private void excludeAndMark(MlxLmRoutingAttempt attempt, Throwable ex) {
		String instance = attempt.excludeCurrent();
		if (instance != null && this.statuses != null) {
			this.statuses.markUnreachable(instance, String.valueOf(connectFailure(ex)));
		}
	}

	private static boolean isUnsent(Throwable ex, MlxLmRoutingAttempt attempt) {
		return !attempt.isWritten() && connectFailure(ex) != null;
	}

	/*
	 * Return the cause that proves the connection was never open, or {@code null}.
	 */
	static @Nullable Throwable connectFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
					|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
				return cause;
			}
		}
		return null;
	}

}

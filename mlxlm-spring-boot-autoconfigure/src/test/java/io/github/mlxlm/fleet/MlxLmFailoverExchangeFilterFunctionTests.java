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

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures the failover filter sends to another instance, without a network: the
 * exchange behind it plays the load balancer and the instance filter.
 */
class MlxLmFailoverExchangeFilterFunctionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ClientRequest request = ClientRequest
		.create(HttpMethod.POST, URI.create("lb://mlxlm/v1/chat/completions"))
		.build();

	private final List<String> tries = new CopyOnWriteArrayList<>();

	@Test
	void connectTimeoutBeforeAnyByteIsTriedOnTheNextInstance() {
		ExchangeFunction exchange = instances(new ConnectTimeoutException("connection timed out: /10.0.0.1:8080"),
				null);
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 3).filter(this.request, exchange))
			.assertNext((response) -> assertThat(response.statusCode()).isEqualTo(HttpStatus.OK))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.tries).containsExactly("instance-0", "instance-1");
	}

	@Test
	void refusedInstanceIsExcludedFromTheNextChoice() {
		AtomicInteger excludedOnSecondTry = new AtomicInteger(-1);
		ExchangeFunction exchange = (sent) -> {
			MlxLmRoutingAttempt attempt = attempt(sent);
			int index = this.tries.size();
			if (index == 1) {
				excludedOnSecondTry.set(attempt.excluded().contains("instance-0") ? 1 : 0);
			}
			attempt.sentTo("instance-" + index);
			this.tries.add("instance-" + index);
			return (index == 0) ? Mono.error(wrapped(new ConnectException("Connection refused")))
					: Mono.just(ClientResponse.create(HttpStatus.OK).build());
		};
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 3).filter(this.request, exchange))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(excludedOnSecondTry).hasValue(1);
	}

	@Test
	void connectFailureAfterTheRequestStartedToBeWrittenIsNotSentAgain() {
		ExchangeFunction exchange = (sent) -> {
			MlxLmRoutingAttempt attempt = attempt(sent);
			attempt.sentTo("instance-" + this.tries.size());
			this.tries.add("instance-" + this.tries.size());
			attempt.written();
			return Mono.error(wrapped(new ConnectException("Connection reset")));
		};
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 3).filter(this.request, exchange))
			.expectError(WebClientRequestException.class)
			.verify(TIMEOUT);
		assertThat(this.tries).containsExactly("instance-0");
	}

	@Test
	void failureThatIsNoConnectFailureIsNotSentAgain() {
		ExchangeFunction exchange = instances(new IOException("Connection prematurely closed BEFORE response"), null);
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 3).filter(this.request, exchange))
			.expectError(WebClientRequestException.class)
			.verify(TIMEOUT);
		assertThat(this.tries).containsExactly("instance-0");
	}

	@Test
	void noFurtherTryWhenTheLoadBalancerHadNoOtherInstance() {
		ExchangeFunction exchange = (sent) -> {
			MlxLmRoutingAttempt attempt = attempt(sent);
			attempt.alternativeLeft(false);
			attempt.sentTo("instance-" + this.tries.size());
			this.tries.add("instance-" + this.tries.size());
			return Mono.error(wrapped(new ConnectException("Connection refused")));
		};
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 3).filter(this.request, exchange))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(ConnectException.class))
			.verify(TIMEOUT);
		assertThat(this.tries).containsExactly("instance-0");
	}

	@Test
	void triesStopAtMaxAttempts() {
		ExchangeFunction exchange = instances(new ConnectException("Connection refused"),
				new ConnectException("Connection refused"), new ConnectException("Connection refused"));
		StepVerifier.create(new MlxLmFailoverExchangeFilterFunction(null, 2).filter(this.request, exchange))
			.expectError(WebClientRequestException.class)
			.verify(TIMEOUT);
		assertThat(this.tries).containsExactly("instance-0", "instance-1");
	}

	/**
	 * Each try goes to the next instance and fails with the next failure; {@code null}
	 * answers 200.
	 */
	private ExchangeFunction instances(Throwable... failures) {
		return (sent) -> {
			int index = this.tries.size();
			attempt(sent).sentTo("instance-" + index);
			this.tries.add("instance-" + index);
			Throwable failure = (index < failures.length) ? failures[index] : null;
			return (failure != null) ? Mono.error(wrapped(failure))
					: Mono.just(ClientResponse.create(HttpStatus.OK).build());
		};
	}

	private static MlxLmRoutingAttempt attempt(ClientRequest sent) {
		return (MlxLmRoutingAttempt) sent.attribute(MlxLmRoutingAttempt.ATTRIBUTE).orElseThrow();
	}

	private static WebClientRequestException wrapped(Throwable cause) {
		return new WebClientRequestException(cause, HttpMethod.POST, URI.create("http://10.0.0.1:8080/v1"),
				new HttpHeaders());
	}

}

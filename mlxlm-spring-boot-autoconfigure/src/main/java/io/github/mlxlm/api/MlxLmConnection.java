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

package io.github.mlxlm.api;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Everything about reaching one MLX-LM server, decided once: where it listens, the key
 * for a proxy in front of it, the model id sent on the wire, the timeouts, the retry of
 * connections that failed before a byte was sent, and the largest reply accepted.
 *
 * @param endpoint where the server listens
 * @param apiKey the key sent as {@code Authorization: Bearer <key>}, or {@code null} to
 * send no {@code Authorization} header
 * @param model the configured model id, or {@code null} for the server's own
 * {@code --model}
 * @param connectTimeout how long opening a connection may take
 * @param readTimeout the longest silence allowed while waiting for or reading a reply
 * (not a bound on the whole reply)
 * @param maxAttempts attempts per call when the connection fails before a byte is sent
 * (1: no retry)
 * @param backoff wait before the first retry, doubled for each further one
 * @param maxReplyBytes the largest reply (or streamed text) accepted
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmConnection(MlxLmEndpoint endpoint, @Nullable String apiKey, @Nullable String model,
		Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration backoff, long maxReplyBytes) {

	/**
	 * Model id that makes the server use the model it was started with.
	 */
	public static final String DEFAULT_MODEL = "default_model";

	/**
	 * Default connect timeout: 5 seconds.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Default read timeout: 5 minutes of silence (a non-streaming reply arrives only once
	 * it is generated).
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Default wait before the first retry: 200 ms.
	 */
	public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

	/**
	 * Default largest reply: 16 MiB.
	 */
	public static final long DEFAULT_MAX_REPLY_BYTES = 16L * 1024 * 1024;

	public MlxLmConnection {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		apiKey = StringUtils.hasText(apiKey) ? apiKey.strip() : null;
		model = StringUtils.hasText(model) ? model.strip() : null;
		Assert.isTrue(isPositive(connectTimeout), "'connectTimeout' must be positive");
		Assert.isTrue(isPositive(readTimeout), "'readTimeout' must be positive");
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(isPositive(backoff), "'backoff' must be positive");
		Assert.isTrue(maxReplyBytes > 0, "'maxReplyBytes' must be positive");
	}

	/**
	 * Create a connection to a base URL with the defaults: no key, the server's own
	 * model, no retry.
	 * @param baseUrl the base URL, such as {@code http://localhost:8080/v1}
	 * @return the connection
	 */
	public static MlxLmConnection of(String baseUrl) {
		return new MlxLmConnection(MlxLmEndpoint.of(baseUrl), null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
				1, DEFAULT_BACKOFF, DEFAULT_MAX_REPLY_BYTES);
	}

	/**
	 * Return the model id requests send: the configured one exactly as configured, else
	 * {@value #DEFAULT_MODEL}. Never a detected id: any other id makes the server load
	 * that model and evict the resident one.
	 * @return the model id to send
	 */
	public String modelSent() {
		return (this.model != null) ? this.model : DEFAULT_MODEL;
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	@Override
	public String toString() {
		return "MlxLmConnection[baseUrl=" + this.endpoint.baseUrl() + ", apiKey="
				+ ((this.apiKey != null) ? "******" : "(none)") + ", model=" + modelSent() + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxAttempts=" + this.maxAttempts + "]";
	}

}

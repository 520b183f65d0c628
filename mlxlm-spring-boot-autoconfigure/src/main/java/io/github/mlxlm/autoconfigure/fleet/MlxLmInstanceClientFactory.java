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

import java.util.function.Function;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmEndpoint;
import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the client of one server of a fleet from its base URL, with the application's
 * connection settings (key, timeouts, reply limit).
 * <p>
 * The client names no model, so that detection reports the model the server itself serves
 * (routing and health need that, not the configured one), and it addresses the server
 * directly, never through the load balancer.
 *
 * @author mlxlm developers
 */
class MlxLmInstanceClientFactory implements Function<String, MlxLmClient> {

	private final MlxLmConnection connection;

	private final WebClient.Builder webClientBuilder;

	MlxLmInstanceClientFactory(MlxLmConnection connection, WebClient.@Nullable Builder webClientBuilder) {
		this.connection = connection;
		this.webClientBuilder = (webClientBuilder != null) ? webClientBuilder : WebClient.builder();
	}

	@Override
	public MlxLmClient apply(String baseUrl) {
		// One try per check: a server that does not answer is skipped until the next.
		MlxLmConnection instance = new MlxLmConnection(MlxLmEndpoint.of(baseUrl), this.connection.apiKey(), null,
				this.connection.connectTimeout(), this.connection.readTimeout(), 1, this.connection.backoff(),
				this.connection.maxReplyBytes());
		return new MlxLmClient(new MlxLmApi(instance, this.webClientBuilder));
	}

}

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

package io.github.mlxlm.autoconfigure;

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmServerStatus;

import org.springframework.beans.factory.InitializingBean;

/**
 * The start-up connection test ({@code mlxlm.test-connection=true}): checks that the
 * MLX-LM server answers {@code /health}, failing start-up with an
 * {@link MlxLmConnectionTestException} if it does not.
 *
 * @author mlxlm developers
 */
class MlxLmConnectionTest implements InitializingBean {

	private final MlxLmClient client;

	private final Duration timeout;

	/**
	 * Create a connection test.
	 * @param client the client to check with
	 * @param timeout the longest time to wait for the server
	 */
	MlxLmConnectionTest(MlxLmClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public void afterPropertiesSet() {
		testConnection();
	}

	/**
	 * Check the server now.
	 * @throws MlxLmConnectionTestException if the server does not answer
	 */
	void testConnection() {
		// Blocking is fine here: this runs once, on the start-up thread, and only on
		// request.
		MlxLmServerStatus status = this.client.status(this.timeout).block();
		if (status == null || !status.connected()) {
			String baseUrl = this.client.endpoint().baseUrl().toString();
			String error = (status != null && status.error() != null) ? status.error() : "no answer";
			throw new MlxLmConnectionTestException(baseUrl, error);
		}
	}

}

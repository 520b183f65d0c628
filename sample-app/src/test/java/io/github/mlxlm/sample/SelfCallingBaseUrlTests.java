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

package io.github.mlxlm.sample;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A base URL that points at the application's own web server is refused at start-up
 * instead of the application calling itself.
 */
class SelfCallingBaseUrlTests {

	@Test
	void aBaseUrlOnTheApplicationsOwnPortIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> application.run("--server.port=" + port, "--mlxlm.simulator.enabled=false",
					"--mlxlm.base-url=http://localhost:" + port + "/v1"))
			.havingRootCause()
			.isInstanceOf(InvalidMlxLmPropertyException.class)
			.withMessageContaining("mlxlm.base-url")
			.withMessageContaining("points at this application itself (port " + port);
	}

}

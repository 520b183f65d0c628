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

import java.io.IOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmConnectionTestAutoConfiguration}.
 */
class MlxLmConnectionTestAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmConnectionTestAutoConfiguration.class));

	@Test
	void startUpMakesNoNetworkCallByDefault() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=" + server.baseUrl() + "/v1").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MlxLmConnectionTest.class);
			assertThat(server.getAllServeEvents()).isEmpty();
		});
	}

	@Test
	void startUpSucceedsWhenServerAnswers() {
		server.stubFor(get("/health").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "application/json")
			.withBody("{\"status\": \"ok\"}")));
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=" + server.baseUrl() + "/v1", "mlxlm.test-connection=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MlxLmConnectionTest.class);
				server.verify(getRequestedFor(urlEqualTo("/health")));
			});
	}

	@Test
	void startUpFailsNamingTheUrlWhenServerRefusesConnections() throws IOException {
		String baseUrl = "http://127.0.0.1:" + closedPort() + "/v1";
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=" + baseUrl, "mlxlm.test-connection=true", "mlxlm.retry.max-attempts=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MlxLmConnectionTestFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(baseUrl);
				assertThat(analysis.getAction()).contains("mlx_lm.server")
					.contains("mlxlm.base-url")
					.contains("mlxlm.test-connection=false");
			});
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

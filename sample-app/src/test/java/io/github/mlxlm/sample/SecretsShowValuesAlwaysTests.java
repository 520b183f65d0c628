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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api key stays masked in {@code /actuator/configprops} and {@code /actuator/env}
 * even when an operator asks for every value ({@code show-values=always}), while the
 * other values do show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mlxlm.simulator.enabled=true", "mlxlm.api-key=" + SecretsShowValuesAlwaysTests.SENTINEL,
				"management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@AutoConfigureWebTestClient(timeout = "10s")
class SecretsShowValuesAlwaysTests {

	static final String SENTINEL = "sk-SENTINEL-9b3a61d2";

	@Autowired
	WebTestClient webClient;

	@Test
	void apiKeyIsMaskedInConfigpropsWithShowValuesAlways() {
		this.webClient.get()
			.uri("/actuator/configprops")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("apiKey").doesNotContain(SENTINEL));
	}

	@Test
	void apiKeyIsMaskedInEnvWithShowValuesAlways() {
		this.webClient.get()
			.uri("/actuator/env")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("mlxlm.api-key").doesNotContain(SENTINEL));
	}

	@Test
	void otherValuesShowWithShowValuesAlways() {
		this.webClient.get()
			.uri("/actuator/env/mlxlm.simulator.enabled")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"value\":\"true\""));
	}

}

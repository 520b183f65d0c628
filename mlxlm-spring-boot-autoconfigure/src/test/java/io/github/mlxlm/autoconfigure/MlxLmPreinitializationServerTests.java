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
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlxLmPreinitializationServer}.
 */
class MlxLmPreinitializationServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void answersAGetWithTheJsonReplyEndedByClosingTheConnection() throws Exception {
		try (MlxLmPreinitializationServer server = MlxLmPreinitializationServer.start("{\"data\": []}",
				"data: x\n\n")) {
			assertThat(server.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(response.headers().firstValue("Content-Length")).isEmpty();
			assertThat(response.body()).isEqualTo("{\"data\": []}");
		}
	}

	@Test
	void answersAPostWithTheEventStreamAfterReadingItsBody() throws Exception {
		try (MlxLmPreinitializationServer server = MlxLmPreinitializationServer.start("{}", "data: x\n\n")) {
			HttpResponse<String> response = this.client
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"messages\": []}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
			assertThat(response.body()).isEqualTo("data: x\n\n");
		}
	}

	@Test
	void closedServerRefusesConnections() throws IOException {
		MlxLmPreinitializationServer server = MlxLmPreinitializationServer.start("{}", "");
		server.close();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> this.client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
					HttpResponse.BodyHandlers.ofString()));
	}

}

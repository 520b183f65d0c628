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

package io.github.mlxlm.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedRequestTests {

	final MlxLmSimulator sim = MlxLmSimulator.builder().model("m/m").start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void recordsMethodPathHeadersInOrderWithCaseAndRawBody() throws IOException {
		String json = "{\"messages\": [{\"role\": \"user\", \"content\": \"h\u00e9\"}]}";
		Raw.post(this.sim.port(), "/v1/chat/completions", json);
		RecordedRequest request = this.sim.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.version()).isEqualTo("HTTP/1.1");
		assertThat(request.headers()).extracting(RecordedRequest.Header::name)
			.containsExactly("Host", "Content-Type", "Content-Length");
		assertThat(request.body()).isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(request.bodyAsString()).isEqualTo(json);
	}

	@Test
	void headerLookupIgnoresCase() throws IOException {
		Raw.exchange(this.sim.port(), "GET /health HTTP/1.1\r\nX-Api-KEY: k\r\n\r\n");
		assertThat(this.sim.requests().get(0).header("x-api-key")).contains("k");
		assertThat(this.sim.requests().get(0).header("missing")).isEmpty();
	}

	@Test
	void droppedAndRejectedRequestsAreRecordedToo() throws IOException {
		Raw.post(this.sim.port(), "/v1/chat/completions", "{\"messages\": null}");
		Raw.exchange(this.sim.port(), "PUT /x HTTP/1.1\r\n\r\n");
		assertThat(this.sim.requests()).extracting(RecordedRequest::method).containsExactly("POST", "PUT");
	}

	@Test
	void clearRequestsForgetsEverything() throws IOException {
		Raw.get(this.sim.port(), "/health");
		this.sim.clearRequests();
		assertThat(this.sim.requests()).isEmpty();
		assertThat(this.sim.lastRequest()).isEmpty();
	}

	@Test
	void concurrentRequestsAreAllRecorded() throws Exception {
		int n = 16;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			List<Future<String>> replies = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String path = "/health?n=" + i;
				replies.add(pool.submit(() -> {
					go.await();
					return Raw.exchange(this.sim.port(), "GET " + path + " HTTP/1.1\r\n\r\n");
				}));
			}
			go.countDown();
			for (Future<String> reply : replies) {
				assertThat(reply.get()).startsWith("HTTP/1.0 404");
			}
			assertThat(this.sim.awaitRequests(n, Duration.ofSeconds(5))).hasSize(n);
		}
		finally {
			pool.shutdownNow();
		}
	}

}

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

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing leaked: what {@link MlxLmApi} does with streams that end early or
 * break, replies larger than the limit, and error bodies that carry secrets or HTML.
 */
class MlxLmApiIntegrityTests {

	static final String KEY = "sk-sentinel-4242";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static String chunk(String delta, String finishReason) {
		return "data: {\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", \"model\": \"default_model\", "
				+ "\"created\": 1, \"choices\": [{\"index\": 0, \"finish_reason\": " + finishReason + ", \"delta\": "
				+ delta + "}]}\n\n";
	}

	static final String TEXT = "{\"role\": \"assistant\", \"content\": \"Hi\"}";

	static final String USAGE = "data: {\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"choices\": [], "
			+ "\"usage\": {\"prompt_tokens\": 1, \"completion_tokens\": 2, \"total_tokens\": 3}}\n\n";

	MlxLmApi api(long maxReplyBytes) {
		return new MlxLmApi(new MlxLmConnection(MlxLmEndpoint.of(server.baseUrl() + "/v1"), KEY, null,
				MlxLmConnection.DEFAULT_CONNECT_TIMEOUT, MlxLmConnection.DEFAULT_READ_TIMEOUT, 1,
				MlxLmConnection.DEFAULT_BACKOFF, maxReplyBytes));
	}

	MlxLmApi api() {
		return api(MlxLmConnection.DEFAULT_MAX_REPLY_BYTES);
	}

	static MlxLmApi.ChatRequest request() {
		return new MlxLmApi.ChatRequest("default_model",
				List.of(new MlxLmApi.Message("user", "hi", null, null, null, null)), null, null, null, null, null, null,
				null, null, null, null, Map.of());
	}

	void stubStream(String body) {
		server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withStatus(200).withHeader("Content-type", "text/event-stream").withBody(body)));
	}

	void expectFailure(MlxLmException.Reason reason, String... parts) {
		StepVerifier.create(api().chatStream(request(), null))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(MlxLmException.class)
					.hasMessageContaining(server.baseUrl() + "/v1/chat/completions");
				assertThat(((MlxLmException) ex).reason()).isEqualTo(reason);
				for (String part : parts) {
					assertThat(ex).hasMessageContaining(part);
				}
			})
			.verify();
	}

	@Test
	void streamClosedCleanlyBeforeItsFinishingChunkFailsNamingTheChunksThatArrived() {
		stubStream(chunk(TEXT, "null") + chunk(TEXT, "null"));
		expectFailure(MlxLmException.Reason.CLOSED, "after 2 chunks", "before its finishing chunk and [DONE]");
	}

	@Test
	void streamClosedAfterItsFinishingChunkButBeforeDoneFails() {
		stubStream(chunk(TEXT, "\"stop\"") + USAGE);
		expectFailure(MlxLmException.Reason.CLOSED, "after 2 chunks", "before [DONE]");
	}

	@Test
	void streamWithTruncatedJsonFailsAsMalformed() {
		stubStream(chunk(TEXT, "null") + "data: {\"id\": \"chatcmpl-1\", \"choi");
		expectFailure(MlxLmException.Reason.MALFORMED, "chunk 2 is not JSON");
	}

	@Test
	void completeStreamEndsNormally() {
		stubStream(": keepalive 0/1\n\n" + chunk(TEXT, "null") + chunk("{\"role\": \"assistant\"}", "\"stop\"") + USAGE
				+ "data: [DONE]\n\n");
		StepVerifier.create(api().chatStream(request(), null)).expectNextCount(3).verifyComplete();
	}

	@Test
	void streamLargerThanTheLimitFailsCleanly() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			body.append(chunk("{\"role\": \"assistant\", \"content\": \"" + "x".repeat(100) + "\"}", "null"));
		}
		stubStream(body.append(chunk(TEXT, "\"stop\"")).append("data: [DONE]\n\n").toString());
		StepVerifier.create(api(4096).chatStream(request(), null))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies(
					(ex) -> assertThat(((MlxLmException) ex).reason()).isEqualTo(MlxLmException.Reason.TOO_LARGE))
			.verify();
	}

	@Test
	void replyLargerThanTheLimitFailsCleanly() {
		server.stubFor(get("/v1/models").willReturn(aResponse().withStatus(200)
			.withBody("{\"object\": \"list\", \"data\": [{\"id\": \"" + "m".repeat(8192) + "\"}]}")));
		StepVerifier.create(api(4096).models())
			.expectErrorSatisfies(
					(ex) -> assertThat(((MlxLmException) ex).reason()).isEqualTo(MlxLmException.Reason.TOO_LARGE))
			.verify();
	}

	@Test
	void apiKeyEchoedByAProxyIsScrubbedFromTheError() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withBody("{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + " (Authorization: Bearer "
					+ KEY + ")\"}}")));
		StepVerifier.create(api().chatStream(request(), null)).expectErrorSatisfies((ex) -> {
			assertThat(ex).hasMessageContaining("HTTP 401").hasMessageContaining("******").hasMessageNotContaining(KEY);
			assertThat(((MlxLmHttpException) ex).serverError()).doesNotContain(KEY);
		}).verify();
	}

	@Test
	void htmlErrorBodyKeepsTheStartOfItsText() {
		String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "y".repeat(1000) + "</body></html>";
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(502).withBody(page)));
		StepVerifier.create(api().chatStream(request(), null)).expectErrorSatisfies((ex) -> {
			assertThat(ex).hasMessageContaining("HTTP 502").hasMessageContaining("<title>502 Bad Gateway</title>");
			assertThat(((MlxLmHttpException) ex).serverError())
				.hasSizeLessThanOrEqualTo(MlxLmErrors.MAX_ERROR_TEXT + 3);
		}).verify();
	}

	@Test
	void jsonReplyToAStreamedRequestIsMalformedNotAnEmptyAnswer() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "application/json")
			.withBody("{\"id\": \"x\"}")));
		expectFailure(MlxLmException.Reason.MALFORMED, "expected an event stream");
	}

}

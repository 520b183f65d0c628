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

package io.github.mlxlm.client;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmHttpException;
import io.github.mlxlm.api.MlxLmServerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text completions of {@link MlxLmClient} against replies shaped like mlx_lm.server's.
 */
class MlxLmClientCompletionWireMockTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String FINGERPRINT = "0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s";

	static final String REPLY = "{\"id\": \"cmpl-5f0c\", \"system_fingerprint\": \"" + FINGERPRINT + "\", "
			+ "\"object\": \"text_completion\", \"model\": \"default_model\", \"created\": 1766400000, "
			+ "\"choices\": [{\"index\": 0, \"finish_reason\": \"length\", \"text\": \" blue.\"}], "
			+ "\"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2, \"total_tokens\": 7, "
			+ "\"prompt_tokens_details\": {\"cached_tokens\": 3}}}";

	static String chunk(String text, String finishReason) {
		return "data: {\"id\": \"cmpl-5f0c\", \"system_fingerprint\": \"" + FINGERPRINT
				+ "\", \"object\": \"text_completion\", \"model\": \"default_model\", \"created\": 1766400000, "
				+ "\"choices\": [{\"index\": 0, \"finish_reason\": " + finishReason + ", \"text\": \"" + text
				+ "\"}]}\n\n";
	}

	static final String USAGE = "data: {\"id\": \"cmpl-5f0c\", \"object\": \"chat.completion\", \"model\": \"default_model\", "
			+ "\"created\": 1766400000, \"choices\": [], \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2, "
			+ "\"total_tokens\": 7, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}\n\n";

	private final JsonMapper json = JsonMapper.builder().build();

	private MlxLmClient client() {
		return MlxLmClient.builder().baseUrl(server.baseUrl() + "/v1").build();
	}

	private void stub(int status, String contentType, String body) {
		server.stubFor(post("/v1/completions")
			.willReturn(aResponse().withStatus(status).withHeader("Content-type", contentType).withBody(body)));
	}

	private LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v1/completions")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	@Test
	void completeSendsAJsonBodyWithContentLengthAndExactTypes() {
		stub(200, "application/json", REPLY);
		StepVerifier
			.create(client().complete("The sky is",
					MlxLmCompletionOptions.builder().maxTokens(2).topK(40).xtcThreshold(0.0).temperature(0.0).build()))
			.expectNextCount(1)
			.verifyComplete();
		LoggedRequest request = onlyRequest();
		assertThat(Integer.parseInt(request.getHeader("Content-Length"))).isEqualTo(request.getBody().length);
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
		JsonNode body = this.json.readTree(request.getBodyAsString());
		assertThat(body.get("model").asString()).isEqualTo("default_model");
		assertThat(body.get("prompt").asString()).isEqualTo("The sky is");
		assertThat(body.toString()).contains("\"max_tokens\":2", "\"top_k\":40", "\"xtc_threshold\":0.0",
				"\"temperature\":0.0");
		assertThat(body.has("stream")).isFalse();
		assertThat(body.has("stream_options")).isFalse();
	}

	@Test
	void completeAnswersTextFinishReasonUsageAndServerIdentity() {
		stub(200, "application/json", REPLY);
		MlxLmClient client = client();
		StepVerifier.create(client.complete("The sky is", MlxLmCompletionOptions.defaults()))
			.assertNext((completion) -> {
				assertThat(completion.text()).isEqualTo(" blue.");
				assertThat(completion.finishReason()).isEqualTo("length");
				assertThat(completion.usage()).isEqualTo(new MlxLmUsage(5, 2, 7, 3L));
				assertThat(completion.serverIdentity().serverVersion()).isEqualTo("0.32.0");
			})
			.verifyComplete();
		assertThat(client.serverIdentity().mlxVersion()).isEqualTo("0.32.1");
	}

	@Test
	void cachedTokensAreUnknownWhenTheServerSendsNoPromptTokensDetails() {
		// mlx-lm 0.28 reports no prompt_tokens_details: unknown, not zero.
		stub(200, "application/json", REPLY.replace(", \"prompt_tokens_details\": {\"cached_tokens\": 3}", ""));
		StepVerifier.create(client().complete("The sky is", MlxLmCompletionOptions.defaults()))
			.assertNext((completion) -> assertThat(completion.usage()).isEqualTo(new MlxLmUsage(5, 2, 7, null)))
			.verifyComplete();
	}

	@Test
	void completeFailsWithTheServersErrorText() {
		stub(404, "application/json", "{\"error\": \"Model not found\"}");
		StepVerifier.create(client().complete("x", MlxLmCompletionOptions.defaults()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmHttpException.class)
				.hasMessageContaining("Model not found")
				.hasMessageContaining("/v1/completions"))
			.verify();
	}

	@Test
	void completeStreamSkipsKeepAlivesAndEndsWithUsage() {
		stub(200, "text/event-stream", ": keepalive 0/5\n\n: keepalive 5/5\n\n" + chunk(" blue", "null")
				+ chunk(".", "null") + chunk("", "\"stop\"") + USAGE + "data: [DONE]\n\n");
		StepVerifier.create(client().completeStream("The sky is", MlxLmCompletionOptions.defaults()))
			.expectNext(new MlxLmCompletionChunk(" blue", null, null))
			.expectNext(new MlxLmCompletionChunk(".", null, null))
			.expectNext(new MlxLmCompletionChunk("", "stop", null))
			.expectNext(new MlxLmCompletionChunk("", null, new MlxLmUsage(5, 2, 7, 0L)))
			.verifyComplete();
		JsonNode body = this.json.readTree(onlyRequest().getBodyAsString());
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
	}

	@Test
	void completeStreamWithoutDoneFailsAsIncomplete() {
		stub(200, "text/event-stream", chunk(" blue", "null"));
		StepVerifier.create(client().completeStream("The sky is", MlxLmCompletionOptions.defaults()))
			.expectNext(new MlxLmCompletionChunk(" blue", null, null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MlxLmException.class)
				.hasMessageContaining("/v1/completions")
				.hasMessageContaining("after 1 chunks"))
			.verify();
	}

	@Test
	void serverIdentityIsParsedFromTheFingerprint() {
		MlxLmServerIdentity identity = MlxLmServerIdentity.parse(FINGERPRINT);
		assertThat(identity).isEqualTo(new MlxLmServerIdentity("0.32.0", "0.32.1", "macOS-15.6-arm64-arm-64bit",
				"applegpu_g15s", FINGERPRINT));
		assertThat(MlxLmServerIdentity.parse("garbage")).isNull();
	}

}

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

package io.github.mlxlm.chat;

import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmInvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.chat.prompt.Prompt;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Values mlx_lm.server answers by dropping the connection are refused by
 * {@link MlxLmChatModel} before a byte is written, with the field and the allowed range
 * named.
 */
class MlxLmChatModelValidationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	MlxLmChatModel chatModel() {
		MlxLmApi api = new MlxLmApi(MlxLmConnection.of(server.baseUrl() + "/v1"));
		return MlxLmChatModel.builder()
			.api(api)
			.defaultOptions(MlxLmChatOptions.builder().maxTokens(2048).build())
			.build();
	}

	static Iterable<Arguments> invalidOptions() {
		return java.util.List.of(
				Arguments.of("maxTokens", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.maxTokens(-1)),
				Arguments.of("maxTokens", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.maxTokens(0)),
				Arguments.of("maxTokens",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.maxTokens(Integer.MAX_VALUE)),
				Arguments.of("temperature", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.temperature(-1.0)),
				Arguments.of("temperature", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.temperature(Double.NaN)),
				Arguments.of("temperature",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.temperature(Double.POSITIVE_INFINITY)),
				Arguments.of("topP", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.topP(1.5)),
				Arguments.of("minP", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.minP(-0.1)),
				Arguments.of("topK", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.topK(-1)),
				Arguments.of("presencePenalty",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.presencePenalty(Double.NEGATIVE_INFINITY)),
				Arguments.of("xtcProbability", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.xtcProbability(2.0)),
				// Finite but meaningless: 1/temperature overflows on the server.
				Arguments.of("temperature", (UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.temperature(1e-320)),
				Arguments.of("repetitionPenalty",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.repetitionPenalty(1e-320)),
				Arguments.of("frequencyPenalty",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.frequencyPenalty(1e308)),
				Arguments.of("logitBias[7]",
						(UnaryOperator<MlxLmChatOptions.Builder>) (b) -> b.logitBias(java.util.Map.of("7", -1e308))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidOptions")
	void invalidValueIsRefusedBeforeAByteIsSent(String field, UnaryOperator<MlxLmChatOptions.Builder> invalid) {
		MlxLmChatOptions options = invalid.apply(MlxLmChatOptions.builder()).build();
		Throwable thrown = catchThrowable(() -> chatModel().call(new Prompt("hi", options)));
		assertThat(thrown).isInstanceOf(MlxLmInvalidRequestException.class)
			.hasMessageContaining(field)
			.hasMessageContaining("must be");
		assertThat(((MlxLmInvalidRequestException) thrown).field()).isEqualTo(field);
		assertThat(((MlxLmException) thrown).reason()).isEqualTo(MlxLmException.Reason.INVALID_REQUEST);
		assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).isEmpty();
	}

	@Test
	void maxTokensCeilingIsFourTimesTheDefault() {
		Throwable thrown = catchThrowable(
				() -> chatModel().call(new Prompt("hi", MlxLmChatOptions.builder().maxTokens(8193).build())));
		assertThat(thrown).isInstanceOf(MlxLmInvalidRequestException.class).hasMessageContaining("from 1 to 8192");
	}

	@Test
	void loneSurrogateIsRefusedBeforeAByteIsSent() {
		Throwable thrown = catchThrowable(() -> chatModel().call(new Prompt("broken \uD800 text")));
		assertThat(thrown).isInstanceOf(MlxLmInvalidRequestException.class)
			.hasMessageContaining("lone UTF-16 surrogate");
		assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).isEmpty();
	}

	@Test
	void streamRefusesInvalidValuesAsAnError() {
		Throwable thrown = catchThrowable(
				() -> chatModel().stream(new Prompt("hi", MlxLmChatOptions.builder().maxTokens(-1).build()))
					.blockLast());
		assertThat(thrown).isInstanceOf(MlxLmInvalidRequestException.class);
		assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).isEmpty();
	}

}

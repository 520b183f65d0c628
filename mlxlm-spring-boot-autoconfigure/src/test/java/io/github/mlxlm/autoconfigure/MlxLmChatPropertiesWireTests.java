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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.mlxlm.chat.MlxLmChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mlxlm.chat.*} properties, from each kind of property source, reach the wire with
 * exact JSON types; out-of-range values stop start-up.
 */
class MlxLmChatPropertiesWireTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String REPLY = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"model\": \"default_model\", "
			+ "\"created\": 1766400000, \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": "
			+ "{\"role\": \"assistant\", \"content\": \"ok\"}}], \"usage\": {\"prompt_tokens\": 1, \"completion_tokens\": 1, "
			+ "\"total_tokens\": 2, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmChatAutoConfiguration.class));

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Every option as text, the way .properties files and environment variables carry it.
	 */
	static Map<String, Object> textValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("mlxlm.chat.max-tokens", "300");
		values.put("mlxlm.chat.temperature", "0");
		values.put("mlxlm.chat.top-p", "1");
		values.put("mlxlm.chat.seed", "7");
		values.put("mlxlm.chat.top-k", "40");
		values.put("mlxlm.chat.min-p", "0");
		values.put("mlxlm.chat.repetition-penalty", "1");
		values.put("mlxlm.chat.repetition-context-size", "20");
		values.put("mlxlm.chat.presence-penalty", "0");
		values.put("mlxlm.chat.frequency-penalty", "0");
		values.put("mlxlm.chat.xtc-probability", "0");
		values.put("mlxlm.chat.xtc-threshold", "0");
		values.put("mlxlm.chat.enable-thinking", "false");
		values.put("mlxlm.chat.adapters", "/adapters");
		values.put("mlxlm.chat.draft-model", "mlx-community/draft");
		values.put("mlxlm.chat.num-draft-tokens", "3");
		return values;
	}

	private JsonNode sentBody(ApplicationContextRunner runner) {
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-type", "text/event-stream")
			.withBody(io.github.mlxlm.chat.SseReplies.of(REPLY))));
		runner.withPropertyValues("mlxlm.base-url=" + server.baseUrl() + "/v1")
			.run((context) -> context.getBean(MlxLmChatModel.class).call(new Prompt("hi")));
		List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = server
			.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(requests).hasSize(1);
		return this.json.readTree(requests.get(0).getBodyAsString());
	}

	static void assertExactTypes(JsonNode body) {
		assertThat(body.get("max_tokens").isIntegralNumber()).isTrue();
		assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
		assertThat(body.get("seed").isIntegralNumber()).isTrue();
		assertThat(body.get("top_k").isInt()).isTrue();
		assertThat(body.get("repetition_context_size").isInt()).isTrue();
		assertThat(body.get("num_draft_tokens").isInt()).isTrue();
		for (String field : List.of("temperature", "top_p", "min_p", "repetition_penalty", "presence_penalty",
				"frequency_penalty", "xtc_probability", "xtc_threshold")) {
			assertThat(body.get(field).isFloatingPointNumber()).as(field).isTrue();
		}
		assertThat(body.toString()).contains("\"xtc_threshold\":0.0", "\"xtc_probability\":0.0");
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").isBoolean()).isTrue();
		assertThat(body.get("chat_template_kwargs").get("enable_thinking").asBoolean()).isFalse();
		assertThat(body.get("adapters").asString()).isEqualTo("/adapters");
		assertThat(body.get("draft_model").asString()).isEqualTo("mlx-community/draft");
		assertThat(body.get("model").asString()).isEqualTo("default_model");
	}

	@Test
	void optionsFromPropertiesGoOutWithExactJsonTypes() {
		String[] pairs = textValues().entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		JsonNode body = sentBody(this.contextRunner.withPropertyValues(pairs)
			.withPropertyValues("mlxlm.chat.chat-template-kwargs.custom_flag=true",
					"mlxlm.chat.chat-template-kwargs.depth=2", "mlxlm.chat.logit-bias.1234=-100"));
		assertExactTypes(body);
		assertThat(body.get("chat_template_kwargs").get("custom_flag").isBoolean()).isTrue();
		assertThat(body.get("chat_template_kwargs").get("depth").isInt()).isTrue();
		assertThat(body.get("logit_bias").get("1234").isFloatingPointNumber()).isTrue();
	}

	@Test
	void optionsFromYamlGoOutWithExactJsonTypes() {
		StringBuilder yaml = new StringBuilder("mlxlm:\n  chat:\n");
		textValues().forEach((key, value) -> yaml.append("    ")
			.append(key.substring("mlxlm.chat.".length()))
			.append(": ")
			.append(value)
			.append('\n'));
		yaml.append("    chat-template-kwargs:\n      custom_flag: true\n");
		JsonNode body = sentBody(this.contextRunner.withInitializer((context) -> {
			try {
				List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test.yaml",
						new ByteArrayResource(yaml.toString().getBytes(StandardCharsets.UTF_8)));
				sources.forEach(context.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}));
		assertExactTypes(body);
		assertThat(body.get("chat_template_kwargs").get("custom_flag").isBoolean()).isTrue();
	}

	@Test
	void optionsFromEnvironmentVariablesGoOutWithExactJsonTypes() {
		Map<String, Object> env = new LinkedHashMap<>();
		textValues().forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_').replace("-", ""), value));
		JsonNode body = sentBody(this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", env))));
		assertExactTypes(body);
	}

	@Test
	void maxTokensDefaultsTo2048() {
		JsonNode body = sentBody(this.contextRunner);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(2048);
		assertThat(body.has("top_k")).isFalse();
		assertThat(body.has("temperature")).isFalse();
	}

	@Test
	void outOfRangeOptionStopsStartUpNamingPropertyAndRange() {
		this.contextRunner.withPropertyValues("mlxlm.chat.xtc-threshold=1.5").run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof InvalidMlxLmPropertyException)) {
				cause = cause.getCause();
			}
			assertThat(cause).isNotNull()
				.hasMessageContaining("mlxlm.chat.xtc-threshold")
				.hasMessageContaining("from 0 to 1");
		});
	}

}

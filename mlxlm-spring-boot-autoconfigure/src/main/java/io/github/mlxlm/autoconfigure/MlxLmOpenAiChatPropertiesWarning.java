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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Logs one WARN at start-up when {@code spring.ai.openai.chat.*} properties (or
 * {@code spring.ai.openai.base-url}) are set while the MLX-LM chat model is selected:
 * they have no effect on it. The line names each such property (never its value) and its
 * {@code mlxlm.*} equivalent, if there is one.
 *
 * @author mlxlm developers
 */
class MlxLmOpenAiChatPropertiesWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(MlxLmOpenAiChatPropertiesWarning.class);

	static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("spring.ai.openai.chat");

	private static final ConfigurationPropertyName OPENAI = ConfigurationPropertyName.of("spring.ai.openai");

	/**
	 * What Spring AI users set for OpenAI-compatible servers; its api key is left alone
	 * (embeddings).
	 */
	private static final ConfigurationPropertyName OPENAI_BASE_URL = ConfigurationPropertyName
		.of("spring.ai.openai.base-url");

	/** Suggest Spring AI's OpenAI chat model only where it can work. */
	private static final boolean OPENAI_CHAT_MODEL_PRESENT = ClassUtils.isPresent(
			"org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration",
			MlxLmOpenAiChatPropertiesWarning.class.getClassLoader());

	/**
	 * Names below {@link #PREFIX} in lower case without dashes or dots (so that
	 * {@code maxTokens}, {@code max-tokens} and {@code MAX_TOKENS} all match) and their
	 * equivalents.
	 */
	private static final Map<String, String> EQUIVALENTS;

	static {
		Map<String, String> equivalents = new LinkedHashMap<>();
		equivalents.put("baseurl", "mlxlm.base-url");
		equivalents.put("apikey", "mlxlm.api-key");
		equivalents.put("optionsmodel", "mlxlm.model");
		equivalents.put("optionstemperature", "mlxlm.chat.temperature");
		equivalents.put("optionsmaxtokens", "mlxlm.chat.max-tokens");
		equivalents.put("optionsmaxcompletiontokens", "mlxlm.chat.max-tokens");
		equivalents.put("optionstopp", "mlxlm.chat.top-p");
		equivalents.put("optionsstop", "mlxlm.chat.stop");
		equivalents.put("optionsseed", "mlxlm.chat.seed");
		equivalents.put("optionspresencepenalty", "mlxlm.chat.presence-penalty");
		equivalents.put("optionsfrequencypenalty", "mlxlm.chat.frequency-penalty");
		equivalents.put("optionslogitbias", "mlxlm.chat.logit-bias");
		EQUIVALENTS = equivalents;
	}

	private final Environment environment;

	MlxLmOpenAiChatPropertiesWarning(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String message = message(this.environment);
		if (message != null) {
			logger.warn(message);
		}
	}

	/**
	 * The warning for the given environment.
	 * @param environment the environment
	 * @return the message, or {@code null} when no {@code spring.ai.openai.chat.*}
	 * property is set
	 */
	static @Nullable String message(Environment environment) {
		return message(environment, OPENAI_CHAT_MODEL_PRESENT);
	}

	/**
	 * The warning for the given environment.
	 * @param environment the environment
	 * @param openAiChatModelPresent whether Spring AI's OpenAI chat model can be selected
	 * instead
	 * @return the message, or {@code null} when no such property is set
	 */
	static @Nullable String message(Environment environment, boolean openAiChatModelPresent) {
		Map<ConfigurationPropertyName, String> names = new LinkedHashMap<>();
		String baseUrl = MlxLmWrittenPropertyNames.under(environment, OPENAI).get(OPENAI_BASE_URL);
		if (baseUrl != null) {
			names.put(OPENAI_BASE_URL, baseUrl);
		}
		names.putAll(MlxLmWrittenPropertyNames.under(environment, PREFIX));
		if (names.isEmpty()) {
			return null;
		}
		List<String> mappings = new ArrayList<>();
		names.forEach((name, written) -> {
			String equivalent = name.equals(OPENAI_BASE_URL) ? "mlxlm.base-url" : equivalent(name);
			mappings.add(written + " -> " + ((equivalent != null) ? equivalent : "no mlxlm equivalent"));
		});
		return "Spring AI OpenAI chat properties are set, but the MLX-LM chat model is in use"
				+ " (spring.ai.model.chat is unset or 'mlxlm'), so they have no effect; set the mlxlm properties"
				+ " instead: " + String.join(", ", mappings) + "." + (openAiChatModelPresent
						? " To use Spring AI's OpenAI chat model instead, set spring.ai.model.chat=openai." : "");
	}

	/**
	 * The {@code mlxlm.*} equivalent of a {@code spring.ai.openai.chat.*} property.
	 * @param name the property, below {@link #PREFIX}
	 * @return the equivalent, or {@code null} when there is none
	 */
	static @Nullable String equivalent(ConfigurationPropertyName name) {
		StringBuilder key = new StringBuilder();
		for (int i = PREFIX.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			if (name.isNumericIndex(i)) {
				break;
			}
			key.append(name.getElement(i, Form.UNIFORM));
			String equivalent = EQUIVALENTS.get(key.toString());
			if (equivalent != null) {
				return equivalent;
			}
		}
		return null;
	}

}

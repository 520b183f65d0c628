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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mlxlm.chat.MlxLmChatOptions;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@code mlxlm.chat.*} to the chat model's default {@link MlxLmChatOptions}: the one
 * mapping, used by the auto-configuration to build the defaults and by the properties
 * check to judge them with the rules every request is judged by.
 *
 * @author mlxlm developers
 */
final class MlxLmChatPropertiesMapper {

	private MlxLmChatPropertiesMapper() {
	}

	/*
	 * Map the chat properties to options.
	 *
	 * @param chat the chat properties
	 *
	 * @return the default options
	 */
	static MlxLmChatOptions toOptions(MlxLmProperties.Chat chat) {
		return MlxLmChatOptions.builder()
			.maxTokens(chat.getMaxTokens())
			.temperature(chat.getTemperature())
			.topP(chat.getTopP())
			.stopSequences(chat.getStop())
			.seed(chat.getSeed())
			.topK(chat.getTopK())
			.minP(chat.getMinP())
			.repetitionPenalty(chat.getRepetitionPenalty())
			.repetitionContextSize(chat.getRepetitionContextSize())
			.presencePenalty(chat.getPresencePenalty())
			.frequencyPenalty(chat.getFrequencyPenalty())
			.xtcProbability(chat.getXtcProbability())
			.xtcThreshold(chat.getXtcThreshold())
			.logitBias(chat.getLogitBias())
			.enableThinking(chat.getEnableThinking())
			.chatTemplateKwargs(typed(chat.getChatTemplateKwargs()))
			.adapters(chat.getAdapters())
			.draftModel(chat.getDraftModel())
			.numDraftTokens(chat.getNumDraftTokens())
			.build();
	}

	/*
	 * Give template variables from text sources ({@code .properties}, environment
	 * variables) the JSON type they are written as: true/false as booleans, integers as
	 * integers, decimals as floats.
	 */
	static @Nullable Map<String, Object> typed(@Nullable Map<String, Object> values) {
		return (values != null) ? typedMap(values) : null;
	}

	private static Map<String, Object> typedMap(Map<String, Object> values) {
		Map<String, Object> typed = new LinkedHashMap<>();
		values.forEach((key, value) -> typed.put(key, typed(value)));
		return typed;
	}

	@SuppressWarnings("unchecked")
	private static Object typed(Object value) {
		if (value instanceof Map<?, ?> map) {
			return typedMap((Map<String, Object>) map);
		}
		if (!(value instanceof String text)) {
			return value;
		}
		String trimmed = text.strip();
		if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(trimmed);
		}
		if (trimmed.matches("-?\\d{1,9}")) {
			return Integer.parseInt(trimmed);
		}
		if (trimmed.matches("-?\\d+\\.\\d+")) {
			return Double.parseDouble(trimmed);
		}
		return text;
	}

}

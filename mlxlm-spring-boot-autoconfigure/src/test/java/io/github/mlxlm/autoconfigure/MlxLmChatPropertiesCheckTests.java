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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmChatPropertiesCheck}: every sentence it can write reads as
 * English.
 */
class MlxLmChatPropertiesCheckTests {

	@Test
	void everyReasonAndActionReadsAsASentence() {
		MlxLmProperties.Chat chat = new MlxLmProperties.Chat();
		chat.setMaxTokens(0);
		chat.setTemperature(1e-320);
		chat.setTopP(1.5);
		chat.setTopK(-1);
		chat.setMinP(-0.1);
		chat.setRepetitionPenalty(Double.NaN);
		chat.setRepetitionContextSize(-1);
		chat.setPresencePenalty(1e308);
		chat.setFrequencyPenalty(Double.NEGATIVE_INFINITY);
		chat.setXtcProbability(2.0);
		chat.setXtcThreshold(-1.0);
		chat.setNumDraftTokens(-1);
		chat.setLogitBias(Map.of("not-a-token", 1e300));
		List<InvalidMlxLmPropertyException.Problem> problems = MlxLmChatPropertiesCheck.check(chat);
		assertThat(problems).hasSize(14);
		for (InvalidMlxLmPropertyException.Problem problem : problems) {
			assertThat(problem.reason()).matches("it must be (a|an|0,) [^.]*(\\.\\d+)?[^.]*");
			assertThat(problem.action())
				.matches("Set mlxlm\\.chat\\.[a-z-]+ to (a|0,) .*, or remove it to use the server's default\\.");
			assertThat(problem.action()).doesNotContain("a value a").doesNotContain("to a value");
		}
	}

	@Test
	void finiteButMeaninglessValuesAreRefused() {
		MlxLmProperties.Chat chat = new MlxLmProperties.Chat();
		chat.setTemperature(1e-320);
		chat.setRepetitionPenalty(1e308);
		assertThat(MlxLmChatPropertiesCheck.check(chat)).extracting(InvalidMlxLmPropertyException.Problem::property)
			.containsExactly("mlxlm.chat.temperature", "mlxlm.chat.repetition-penalty");
	}

	@Test
	void zeroAndOrdinaryValuesPass() {
		MlxLmProperties.Chat chat = new MlxLmProperties.Chat();
		chat.setTemperature(0.0);
		chat.setRepetitionPenalty(1.1);
		chat.setPresencePenalty(-2.0);
		chat.setTopP(0.9);
		assertThat(MlxLmChatPropertiesCheck.check(chat)).isEmpty();
	}

}

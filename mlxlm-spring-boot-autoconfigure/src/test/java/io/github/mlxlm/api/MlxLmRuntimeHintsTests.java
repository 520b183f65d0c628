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

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmRuntimeHints}: a native image can bind every record of the wire.
 */
class MlxLmRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void everyRecordOfTheWireCanBeBoundByReflection() {
		new MlxLmRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { MlxLmApi.ChatRequest.class, MlxLmApi.Message.class,
				MlxLmApi.Completion.class, MlxLmApi.Choice.class, MlxLmApi.Usage.class,
				MlxLmApi.PromptTokensDetails.class, MlxLmApi.ToolCall.class, MlxLmApi.FunctionCall.class,
				MlxLmApi.Tool.class, MlxLmApi.Function.class, MlxLmApi.ModelList.class, MlxLmApi.ModelEntry.class,
				MlxLmApi.CompletionRequest.class, MlxLmApi.StreamOptions.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategories(MlxLmRuntimeHints.BINDING))
				.as(type.getName())
				.accepts(this.hints);
		}
	}

	@Test
	void theRegistrarIsListedForAotProcessing() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(MlxLmRuntimeHints.class::isInstance);
	}

}

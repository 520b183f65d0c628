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

package io.github.mlxlm.metrics;

import io.micrometer.common.KeyValue;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;

/**
 * Spring AI's {@code gen_ai.client.operation} observation convention with the provider tag
 * saying {@value #PROVIDER} instead of {@code openai}: the chat model is Spring AI's
 * {@code OpenAiChatModel}, but the server is MLX-LM. Since Spring AI's
 * {@code gen_ai.client.token.usage} counters copy the observation's low-cardinality tags, they
 * say {@value #PROVIDER} too.
 * <p>
 * Set it on the MLX-LM chat model only (not as a global bean), so that other chat models in the
 * same application keep their own provider.
 *
 * @author mlxlm developers
 */
public class MlxLmChatModelObservationConvention extends DefaultChatModelObservationConvention {

	/**
	 * Provider name reported for MLX-LM.
	 */
	public static final String PROVIDER = "mlx";

	@Override
	protected KeyValue aiProvider(ChatModelObservationContext context) {
		return KeyValue.of(ChatModelObservationDocumentation.LowCardinalityKeyNames.AI_PROVIDER, PROVIDER);
	}

}

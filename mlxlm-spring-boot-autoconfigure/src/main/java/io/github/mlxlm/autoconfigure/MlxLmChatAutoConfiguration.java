package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.metrics.MlxLmChatModelObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for a Spring AI {@link OpenAiChatModel} that talks to MLX-LM.
 * <p>
 * Runs before Spring AI's own OpenAI chat auto-configuration, whose
 * {@code @ConditionalOnMissingBean} then backs off; {@code spring.ai.model.chat=mlxlm}
 * selects this one explicitly.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(after = MlxLmAutoConfiguration.class,
		beforeName = "org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration",
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(OpenAiChatModel.class)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "mlxlm", matchIfMissing = true)
public final class MlxLmChatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MlxLmChatModelFactory mlxLmChatModelFactory(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<MlxLmClient> client) {
		MlxLmChatModelFactory.Builder builder = MlxLmChatModelFactory.builder()
			.baseUrl(connectionDetails.getBaseUrl())
			.apiKey(connectionDetails.getApiKey())
			.model(properties.getModel())
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.retry(properties.getRetry().getMaxAttempts(), properties.getRetry().getBackoff())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		client.ifAvailable(builder::client);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiChatModel mlxLmChatModel(MlxLmChatModelFactory factory,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		OpenAiChatModel chatModel = factory.create();
		// Provider tag "mlx" unless the user defines a convention.
		chatModel.setObservationConvention(observationConvention.getIfAvailable(MlxLmChatModelObservationConvention::new));
		return chatModel;
	}

}

package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.client.MlxLmClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the reactive {@link MlxLmClient}. Makes no network call at
 * start-up.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(MlxLmProperties.class)
public final class MlxLmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MlxLmConnectionDetails.class)
	PropertiesMlxLmConnectionDetails mlxLmConnectionDetails(MlxLmProperties properties) {
		return new PropertiesMlxLmConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MlxLmClient mlxLmClient(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		MlxLmClient.Builder builder = MlxLmClient.builder()
			.baseUrl(connectionDetails.getBaseUrl())
			.apiKey(connectionDetails.getApiKey())
			.model(properties.getModel())
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.retry(properties.getRetry().getMaxAttempts(), properties.getRetry().getBackoff());
		webClientBuilder.ifAvailable(builder::webClientBuilder);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "mlxlm.warm-up", havingValue = "true")
	@ConditionalOnMlxLmChatModelSelected
	MlxLmWarmUp mlxLmWarmUp(MlxLmClient client) {
		return new MlxLmWarmUp(client);
	}

}

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

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.client.MlxLmClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the reactive {@link MlxLmClient}. Makes no network call at
 * start-up.
 *
 * @author mlxlm developers
 * @since 0.1.0
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
	MlxLmConnection mlxLmConnection(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails,
			ApplicationContext context) {
		return MlxLmConnectionFactory.create(properties, connectionDetails, context);
	}

	@Bean
	@ConditionalOnMissingBean
	MlxLmApi mlxLmApi(MlxLmConnection connection, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<MlxLmWebClientCustomizer> customizers) {
		// The WebClient is built on the first call: start-up pays nothing for it.
		return new MlxLmApi(connection, () -> {
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder;
		});
	}

	@Bean
	MlxLmGracefulShutdown mlxLmGracefulShutdown(MlxLmApi api, MlxLmProperties properties) {
		return new MlxLmGracefulShutdown(api, properties.getShutdown().getGracePeriod());
	}

	@Bean
	@ConditionalOnMissingBean
	MlxLmClient mlxLmClient(MlxLmApi api) {
		return new MlxLmClient(api);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("mlxlm.warm-up")
	@ConditionalOnMlxLmChatModelSelected
	MlxLmWarmUp mlxLmWarmUp(MlxLmClient client) {
		return new MlxLmWarmUp(client);
	}

}

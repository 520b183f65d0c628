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

package io.github.mlxlm.autoconfigure.simulator;

import java.util.ArrayList;
import java.util.List;

import io.github.mlxlm.autoconfigure.ConditionalOnMlxLmChatModelSelected;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that starts the MLX-LM server simulator in-process when
 * {@code mlxlm.simulator.enabled=true}, stops it with the context, and points the
 * starter's {@link MlxLmConnectionDetails} at it. {@link MlxLmSimulatorBuilderCustomizer}
 * beans can script its replies.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration(before = MlxLmAutoConfiguration.class)
@ConditionalOnClass(MlxLmSimulator.class)
@ConditionalOnBooleanProperty("mlxlm.simulator.enabled")
@ConditionalOnMlxLmChatModelSelected
@EnableConfigurationProperties(MlxLmSimulatorProperties.class)
public final class MlxLmSimulatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MlxLmSimulatorAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MlxLmSimulator mlxLmSimulator(MlxLmSimulatorProperties properties,
			ObjectProvider<MlxLmSimulatorBuilderCustomizer> customizers) {
		List<InvalidMlxLmPropertyException.Problem> problems = new ArrayList<>();
		if (properties.getTokensPerSecond() < 0) {
			problems.add(InvalidMlxLmPropertyException.Problem.of("simulator.tokens-per-second",
					properties.getTokensPerSecond(), "it must not be negative",
					"0 (instant) or a positive speed, for example 150"));
		}
		if (properties.getPort() < 0 || properties.getPort() > 65535) {
			problems.add(InvalidMlxLmPropertyException.Problem.of("simulator.port", properties.getPort(),
					"it is no port", "0 (a free port) or a port from 1 to 65535"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidMlxLmPropertyException(problems);
		}
		MlxLmSimulator.Builder builder = MlxLmSimulator.builder()
			.model(properties.getModel())
			.host("127.0.0.1")
			.port(properties.getPort())
			.tokensPerSecond(properties.getTokensPerSecond());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		MlxLmSimulator simulator = builder.start();
		logger.info("MLX-LM server simulator started at " + simulator.baseUrl() + " with model '"
				+ simulator.residentModel().orElse("(none)")
				+ "' (mlxlm.simulator.enabled=true: replies are simulated)");
		return simulator;
	}

	@Bean
	@ConditionalOnMissingBean(MlxLmConnectionDetails.class)
	MlxLmConnectionDetails mlxLmSimulatorConnectionDetails(MlxLmSimulator simulator) {
		return new SimulatorConnectionDetails(simulator.baseUrl());
	}

	/**
	 * Connection details of the embedded simulator.
	 *
	 * @param getBaseUrl the simulator's base URL
	 */
	record SimulatorConnectionDetails(String getBaseUrl) implements MlxLmConnectionDetails {

	}

}

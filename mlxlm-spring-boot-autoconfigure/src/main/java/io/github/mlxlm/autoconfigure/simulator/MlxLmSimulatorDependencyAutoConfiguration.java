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

import io.github.mlxlm.autoconfigure.ConditionalOnMlxLmChatModelSelected;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that stops start-up when {@code mlxlm.simulator.enabled=true} but
 * the simulator is not on the class path, instead of silently connecting to
 * {@code mlxlm.base-url}. {@link MlxLmSimulatorMissingFailureAnalyzer} explains which
 * dependency to add. Defines no beans.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration(before = MlxLmSimulatorAutoConfiguration.class)
@ConditionalOnMlxLmChatModelSelected
@ConditionalOnBooleanProperty("mlxlm.simulator.enabled")
@Conditional(MlxLmSimulatorDependencyAutoConfiguration.SimulatorMissingCondition.class)
public final class MlxLmSimulatorDependencyAutoConfiguration {

	private MlxLmSimulatorDependencyAutoConfiguration() {
	}

	static final String SIMULATOR_CLASS = "io.github.mlxlm.simulator.MlxLmSimulator";

	/**
	 * Does not match when the simulator is present; fails when it is missing. Evaluated
	 * after the property conditions, so only when the simulator is enabled.
	 */
	static class SimulatorMissingCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (ClassUtils.isPresent(SIMULATOR_CLASS, context.getClassLoader())) {
				return ConditionOutcome.noMatch("the MLX-LM server simulator is on the class path");
			}
			throw new MlxLmSimulatorMissingException();
		}

	}

}

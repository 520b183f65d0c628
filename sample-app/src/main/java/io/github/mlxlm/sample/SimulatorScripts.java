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

package io.github.mlxlm.sample;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.Reply;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scripts the embedded simulator so that the sample's tool and reasoning features show
 * something on a machine without MLX. A real server needs none of this.
 *
 * @author mlxlm developers
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mlxlm.simulator.enabled")
class SimulatorScripts {

	@Bean
	MlxLmSimulatorBuilderCustomizer sampleScripts() {
		// Order matters: the follow-up request carries the tool's result, whose script
		// must win.
		return (builder) -> builder
			.script("Forecast for", Reply.text("It is 18 °C and sunny in Oslo, with a light westerly wind."))
			.script("weather", Reply.toolCall("get_weather", "{\"city\": \"Oslo\", \"unit\": \"celsius\"}"))
			.script("think", Reply.reasoning("The user asks me to think first. 6 times 7 is 42.", "The answer is 42."));
	}

}

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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code fleet} profile: several embedded simulators behind {@code lb://mlxlm/v1}, so
 * the routing over several servers can be tried on any machine.
 *
 * @author mlxlm developers
 */
@Configuration(proxyBeanMethods = false)
@Profile("fleet")
class FleetConfiguration {

	@Bean
	static FleetSimulators fleetSimulators(ConfigurableEnvironment environment) {
		return new FleetSimulators(environment);
	}

}

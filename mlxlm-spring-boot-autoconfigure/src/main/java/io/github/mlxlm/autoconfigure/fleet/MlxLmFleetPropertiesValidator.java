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

package io.github.mlxlm.autoconfigure.fleet;

import java.util.ArrayList;
import java.util.List;

import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException.Problem;

/**
 * Checks every {@code mlxlm.fleet.*} property at start-up and reports all invalid ones at
 * once, as the validation of the other {@code mlxlm.*} properties does.
 *
 * @author mlxlm developers
 */
final class MlxLmFleetPropertiesValidator {

	private MlxLmFleetPropertiesValidator() {
	}

	/**
	 * Check the fleet's properties.
	 * @param properties the properties
	 * @throws InvalidMlxLmPropertyException listing every invalid property
	 */
	static void validate(MlxLmFleetProperties properties) {
		List<Problem> problems = new ArrayList<>();
		if (properties.getPolicy() == null) {
			problems.add(Problem.of("fleet.policy", null, "it must be set",
					"mlx (model-aware, conversation affinity), least-requests or round-robin"));
		}
		Problem.checkPositive(problems, "fleet.health-check-interval", properties.getHealthCheckInterval(), "10s");
		Problem.checkPositive(problems, "fleet.health-check-timeout", properties.getHealthCheckTimeout(), "2s");
		if (properties.getMaxAttempts() < 1) {
			problems.add(Problem.of("fleet.max-attempts", properties.getMaxAttempts(), "it must be at least 1",
					"1 (no failover) or more, for example 3"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidMlxLmPropertyException(problems);
		}
	}

}

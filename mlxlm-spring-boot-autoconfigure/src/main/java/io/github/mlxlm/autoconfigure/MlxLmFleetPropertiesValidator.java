package io.github.mlxlm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks every {@code mlxlm.fleet.*} property at start-up and reports all invalid ones at
 * once, in the style of {@link MlxLmPropertiesValidator}.
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
		List<InvalidMlxLmPropertyException.Problem> problems = new ArrayList<>();
		if (properties.getPolicy() == null) {
			problems.add(MlxLmPropertiesValidator.problem("fleet.policy", null, "it must be set",
					"mlx (model-aware, conversation affinity) or round-robin"));
		}
		positive(problems, "fleet.health-check-interval", properties.getHealthCheckInterval(), "10s");
		positive(problems, "fleet.health-check-timeout", properties.getHealthCheckTimeout(), "2s");
		if (properties.getMaxAttempts() < 1) {
			problems.add(MlxLmPropertiesValidator.problem("fleet.max-attempts", properties.getMaxAttempts(),
					"it must be at least 1", "1 (no failover) or more, for example 3"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidMlxLmPropertyException(problems);
		}
	}

	private static void positive(List<InvalidMlxLmPropertyException.Problem> problems, String property,
			@Nullable Duration value, String example) {
		if (value == null || value.isZero() || value.isNegative()) {
			problems.add(MlxLmPropertiesValidator.problem(property, value, "it must be a positive duration",
					"a positive duration, for example " + example));
		}
	}

}

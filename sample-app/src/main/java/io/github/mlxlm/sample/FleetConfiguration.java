package io.github.mlxlm.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code fleet} profile: several embedded simulators behind {@code lb://mlxlm/v1}, so
 * the routing over several servers can be tried on any machine.
 */
@Configuration(proxyBeanMethods = false)
@Profile("fleet")
class FleetConfiguration {

	@Bean
	static FleetSimulators fleetSimulators(ConfigurableEnvironment environment) {
		return new FleetSimulators(environment);
	}

}

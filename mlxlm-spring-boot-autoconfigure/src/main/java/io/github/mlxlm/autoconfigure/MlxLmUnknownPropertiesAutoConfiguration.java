package io.github.mlxlm.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that warns at start-up about properties that look meant for this
 * starter but have no effect: unknown {@code mlxlm.*} names and
 * {@code spring.ai.mlxlm.*}.
 *
 * @author mlxlm developers
 */
@AutoConfiguration
public final class MlxLmUnknownPropertiesAutoConfiguration {

	@Bean
	static MlxLmUnknownPropertiesWarning mlxLmUnknownPropertiesWarning(ApplicationContext context) {
		return new MlxLmUnknownPropertiesWarning(context.getEnvironment(), context.getClassLoader());
	}

}

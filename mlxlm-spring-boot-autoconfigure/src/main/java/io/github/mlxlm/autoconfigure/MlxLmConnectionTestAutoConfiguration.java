package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.client.MlxLmClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the opt-in start-up check {@code mlxlm.test-connection=true}.
 *
 * @author mlxlm developers
 */
@AutoConfiguration(after = MlxLmAutoConfiguration.class)
@ConditionalOnBooleanProperty("mlxlm.test-connection")
@ConditionalOnBean(MlxLmClient.class)
public final class MlxLmConnectionTestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MlxLmConnectionTest mlxLmConnectionTest(MlxLmClient client, MlxLmProperties properties) {
		return new MlxLmConnectionTest(client, properties.getConnectTimeout());
	}

}

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
 * @since 0.1.0
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

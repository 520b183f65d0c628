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
 * @since 0.1.0
 */
@AutoConfiguration
public final class MlxLmUnknownPropertiesAutoConfiguration {

	private MlxLmUnknownPropertiesAutoConfiguration() {
	}

	@Bean
	static MlxLmUnknownPropertiesWarning mlxLmUnknownPropertiesWarning(ApplicationContext context) {
		return new MlxLmUnknownPropertiesWarning(context.getEnvironment(), context.getClassLoader());
	}

}

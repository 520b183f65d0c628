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

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmSanitizingAutoConfiguration}.
 */
class MlxLmSanitizingAutoConfigurationTests {

	static final String SENTINEL = "sk-SENTINEL-7d2e";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmSanitizingAutoConfiguration.class))
		.withPropertyValues("mlxlm.api-key=" + SENTINEL);

	@Test
	void apiKeyIsMaskedByItsEnvName() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SanitizingFunction.class)
			.apply(new SanitizableData(null, "mlxlm.api-key", SENTINEL))
			.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@Test
	void apiKeyIsMaskedByItsEnvironmentVariableName() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SanitizingFunction.class)
			.apply(new SanitizableData(null, "MLXLM_API_KEY", "other"))
			.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@Test
	void apiKeyValueIsMaskedUnderAnyName() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SanitizingFunction.class)
			.apply(new SanitizableData(null, "proxy.header", "Bearer " + SENTINEL))
			.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@Test
	void otherPropertiesAreShown() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SanitizingFunction.class)
			.apply(new SanitizableData(null, "mlxlm.base-url", "http://127.0.0.1:8080/v1"))
			.getValue()).isEqualTo("http://127.0.0.1:8080/v1"));
	}

	@Test
	void noSanitizingFunctionWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SanitizingFunction.class));
	}

}

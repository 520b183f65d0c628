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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmUnknownPropertiesWarning}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmUnknownPropertiesWarningTests {

	private static final String WARNING = "Properties that look meant for the MLX-LM starter have no effect";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmUnknownPropertiesAutoConfiguration.class));

	@Test
	void aTypoIsNamedOnceWithTheProperty(CapturedOutput output) {
		this.contextRunner.withPropertyValues("mlxlm.base-uri=http://mac:8080/v1")
			.run((context) -> assertThat(output.getAll()).containsOnlyOnce(WARNING)
				.contains("mlxlm.base-uri (did you mean mlxlm.base-url?)")
				.doesNotContain("http://mac:8080/v1"));
	}

	@Test
	void springAiMlxLmPropertiesNameTheirMlxLmProperty(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.ai.mlxlm.base-url=http://mac:8080/v1")
			.run((context) -> assertThat(output.getAll()).contains("spring.ai.mlxlm.base-url (use mlxlm.base-url)"));
	}

	@Test
	void knownPropertiesMapEntriesListsAndRelaxedNamesAreQuiet(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=http://mac:8080/v1", "mlxlm.baseUrl=http://mac:8080/v1",
					"mlxlm.chat.logit-bias.1234=-100", "mlxlm.chat.stop[0]=</s>", "mlxlm.simulator.enabled=false",
					"mlxlm.chat.chat-template-kwargs.foo=bar", "mlxlm.fleet.policy=mlx")
			.run((context) -> assertThat(output.getAll()).doesNotContain(WARNING));
	}

	@Test
	void environmentVariablesAreReadInTheirRelaxedForm() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("MLXLM_BASEURL", "http://mac:8080/v1", "MLXLM_BASE_URI", "http://mac:8080/v1")));
		String message = MlxLmUnknownPropertiesWarning.message(environment,
				MlxLmUnknownPropertiesWarning.knownProperties(getClass().getClassLoader()));
		assertThat(message).contains("MLXLM_BASE_URI").doesNotContain("MLXLM_BASEURL");
	}

	@Test
	void withoutMetadataOnlySpringAiMlxLmIsReported() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("mlxlm.base-uri", "x")));
		assertThat(MlxLmUnknownPropertiesWarning.message(environment, Map.of())).isNull();
	}

}

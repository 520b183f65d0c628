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

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmAutoConfiguration}.
 */
class MlxLmAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void clientIsCreatedWithDefaultBaseUrl() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MlxLmClient.class);
			assertThat(context.getBean(MlxLmClient.class).endpoint().baseUrl()).hasToString("http://localhost:8080/v1");
		});
	}

	@Test
	void clientUsesConfiguredBaseUrlAndModel() {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=http://gw.example:9000/v1proxy/v1", "mlxlm.model=mlx-community/Qwen3")
			.run((context) -> {
				MlxLmClient client = context.getBean(MlxLmClient.class);
				assertThat(client.endpoint().serverRoot()).hasToString("http://gw.example:9000/v1proxy");
				assertThat(client.configuredModel()).isEqualTo("mlx-community/Qwen3");
			});
	}

	@Test
	void clientBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MlxLmClient.class);
			assertThat(context.getBean(MlxLmClient.class)).isSameAs(context.getBean("userClient"));
		});
	}

	@Test
	void connectionDetailsBackOffWhenUserDefinesThem() {
		this.contextRunner.withUserConfiguration(UserConnectionDetailsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MlxLmConnectionDetails.class);
			assertThat(context).doesNotHaveBean(PropertiesMlxLmConnectionDetails.class);
			assertThat(context.getBean(MlxLmClient.class).endpoint().baseUrl()).hasToString("http://elsewhere:1234/v1");
		});
	}

	@Test
	void connectionDetailsAreBackedByProperties() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=http://mac.local:8080/v1").run((context) -> {
			assertThat(context).hasSingleBean(PropertiesMlxLmConnectionDetails.class);
			assertThat(context.getBean(MlxLmConnectionDetails.class).getBaseUrl())
				.isEqualTo("http://mac.local:8080/v1");
		});
	}

	@Test
	void clientIsNotCreatedWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmClient.class));
	}

	@Test
	void propertiesHaveDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			MlxLmProperties properties = context.getBean(MlxLmProperties.class);
			assertThat(properties.getBaseUrl()).isEqualTo("http://localhost:8080/v1");
			assertThat(properties.getApiKey()).isNull();
			assertThat(properties.getModel()).isNull();
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.isTestConnection()).isFalse();
			assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void propertiesBindEveryValue() {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=https://llm.example.com/v1", "mlxlm.api-key=k",
					"mlxlm.model=mlx-community/Qwen3", "mlxlm.connect-timeout=1s", "mlxlm.read-timeout=10m",
					"mlxlm.health.timeout=500ms")
			.run((context) -> {
				MlxLmProperties properties = context.getBean(MlxLmProperties.class);
				assertThat(properties.getBaseUrl()).isEqualTo("https://llm.example.com/v1");
				assertThat(properties.getApiKey()).isEqualTo("k");
				assertThat(properties.getModel()).isEqualTo("mlx-community/Qwen3");
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofMillis(500));
			});
	}

	@Test
	void propertiesToStringHidesApiKey() {
		this.contextRunner.withPropertyValues("mlxlm.api-key=sk-sentinel-42")
			.run((context) -> assertThat(context.getBean(MlxLmProperties.class).toString())
				.doesNotContain("sk-sentinel-42"));
	}

	@Test
	void relativeBaseUrlFailsNamingPropertyValueAndFix() {
		assertInvalid("mlxlm.base-url=localhost:8080/v1", "mlxlm.base-url", "localhost:8080/v1",
				"absolute http or https URL", "http://localhost:8080/v1");
	}

	@Test
	void nonHttpBaseUrlFails() {
		assertInvalid("mlxlm.base-url=ftp://host/v1", "mlxlm.base-url", "ftp://host/v1", "absolute http or https URL",
				"http://localhost:8080/v1");
	}

	@Test
	void blankBaseUrlFails() {
		assertInvalid("mlxlm.base-url= ", "mlxlm.base-url", "", "must not be blank", "http://localhost:8080/v1");
	}

	@Test
	void zeroConnectTimeoutFails() {
		assertInvalid("mlxlm.connect-timeout=0s", "mlxlm.connect-timeout", "PT0S", "positive duration", "5s");
	}

	@Test
	void negativeReadTimeoutFails() {
		assertInvalid("mlxlm.read-timeout=-1s", "mlxlm.read-timeout", "PT-1S", "positive duration", "5m");
	}

	@Test
	void zeroHealthTimeoutFails() {
		assertInvalid("mlxlm.health.timeout=0ms", "mlxlm.health.timeout", "PT0S", "positive duration", "2s");
	}

	@Test
	void everyInvalidPropertyIsReportedAtOnce() {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=ftp://host/v1", "mlxlm.read-timeout=0s", "mlxlm.chat.top-p=1.5",
					"mlxlm.chat.max-tokens=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidMlxLmPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("4 MLX-LM properties are invalid")
					.contains("mlxlm.base-url")
					.contains("mlxlm.read-timeout")
					.contains("'1.5' for property 'mlxlm.chat.top-p'")
					.contains("'0' for property 'mlxlm.chat.max-tokens'");
				assertThat(analysis.getAction()).contains("Set mlxlm.chat.top-p to a number from 0 to 1");
			});
	}

	@Test
	void passwordInBaseUrlIsRefusedWithoutShowingIt() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=http://user:hunter2@mac:8080/v1").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidMlxLmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("http://****@mac:8080/v1")
				.contains("mlxlm.api-key")
				.doesNotContain("hunter2");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("****");
			for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
				assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
			}
		});
	}

	@Test
	void loadBalancedBaseUrlIsAccepted() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.run((context) -> assertThat(context.getBean(MlxLmClient.class).endpoint().healthUrl())
				.hasToString("lb://mlxlm/health"));
	}

	private void assertInvalid(String property, String name, String value, String reason, String suggestion) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidMlxLmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(name).contains("'" + value + "'").contains(reason);
			assertThat(analysis.getAction()).contains(name).contains(suggestion);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		MlxLmClient userClient() {
			return MlxLmClient.builder().baseUrl("http://user:1/v1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		MlxLmConnectionDetails userConnectionDetails() {
			return () -> "http://elsewhere:1234/v1";
		}

	}

}

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

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One failed stream through {@code ChatClient}, in a whole application at its default
 * logging levels, logs one incident: at most two lines and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class MlxLmStreamFailureLoggingTests {

	static MlxLmSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = MlxLmSimulator.builder().model("m").start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void aCutStreamThroughChatClientLogsAtMostTwoLinesAndNoStackTrace(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run("--mlxlm.base-url=" + simulator.baseUrl(), "--spring.ai.openai.api-key=unused",
					"--spring.main.banner-mode=off", "--logging.level.root=info",
					"--logging.level.io.github.mlxlm=info")) {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			simulator.faults().stopStreamAfterChunks(2);
			int before = output.getAll().length();
			StepVerifier.create(chatClient.prompt().user("Hello there").stream().content())
				.thenConsumeWhile((chunk) -> true)
				.expectError()
				.verify(Duration.ofSeconds(10));
			String logged = output.getAll().substring(before);
			assertThat(logged.lines().filter((line) -> line.matches("^\\S+ (INFO|WARN|ERROR) .*"))).as(logged)
				.hasSizeLessThanOrEqualTo(2);
			assertThat(logged).doesNotContain("\tat ").doesNotContain("Aggregation Error");
		}
		finally {
			simulator.faults().clear();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}

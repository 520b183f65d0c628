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

package io.github.mlxlm.autoconfigure.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.mlxlm.autoconfigure.MlxLmWebClientCustomizer;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.health.MlxLmFleetHealthContributor;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole Spring Boot 4.1 application with every auto-configuration on the class path,
 * Spring Cloud's included (its compatibility check too), starting with an {@code lb://}
 * base URL.
 */
class MlxLmFleetApplicationTests {

	@Test
	void applicationStartsAndRoutesWithEveryAutoConfiguration() {
		List<MlxLmSimulator> simulators = IntStream.range(0, 2)
			.mapToObj((i) -> MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start())
			.toList();
		List<String> args = new ArrayList<>(
				List.of("--mlxlm.base-url=lb://mlxlm/v1", "--mlxlm.model=" + FleetTestSupport.MODEL_A,
						// Spring AI's OpenAI models are on the test class path and insist
						// on a key.
						"--spring.ai.openai.api-key=unused"));
		for (String property : FleetTestSupport.discovery(simulators)) {
			args.add("--" + property);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new))) {
			assertThat(simulators.stream().mapToLong(FleetTestSupport::chats).sum()).isZero();
			assertThat(context.getBeansOfType(MlxLmWebClientCustomizer.class)).hasSize(1);
			assertThat(context.getBeansOfType(MlxLmFleetHealthContributor.class)).hasSize(1);
			assertThat(context.getBeansOfType(MlxLmChatModel.class)).hasSize(1);
			StepVerifier
				.create(Flux.range(0, 4).concatMap((i) -> FleetTestSupport.chat(context, "conversation-" + i, 0)))
				.expectNextCount(4)
				.expectComplete()
				.verify(Duration.ofSeconds(20));
			assertThat(simulators.stream().mapToLong(FleetTestSupport::chats).sum()).isEqualTo(4);
		}
		finally {
			simulators.forEach(MlxLmSimulator::close);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}

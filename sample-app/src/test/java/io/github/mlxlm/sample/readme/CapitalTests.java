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

package io.github.mlxlm.sample.readme;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's @SpringBootTest, as a real test of the sample app. Its name does not start
 * with "Readme" because the README shows it as a user would write it.
 */
// tag::spring-boot-test[]
@SpringBootTest(properties = { "mlxlm.simulator.enabled=true", "mlxlm.simulator.tokens-per-second=0" })
class CapitalTests {

	@Autowired
	ChatClient.Builder chatClientBuilder;

	@Test
	void readsTheCapitalFromAJsonReply() {
		Capital capital = this.chatClientBuilder.build()
			.prompt()
			.user("What is the capital of Norway?")
			.call()
			.entity(Capital.class);
		assertThat(capital).isEqualTo(new Capital("Norway", "Oslo"));
	}

	record Capital(String country, String city) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ScriptedReplies {

		@Bean
		MlxLmSimulatorBuilderCustomizer capitalReply() {
			// unscripted prompts get "This is a test!", which is not JSON
			return (simulator) -> simulator.script("capital of Norway",
					Reply.text("{\"country\": \"Norway\", \"city\": \"Oslo\"}"));
		}

	}

}
// end::spring-boot-test[]

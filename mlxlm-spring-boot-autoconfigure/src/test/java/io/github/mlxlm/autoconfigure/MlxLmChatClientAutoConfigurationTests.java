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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.github.mlxlm.autoconfigure.fleet.FleetTestSupport;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmChatClientAutoConfiguration}: a {@code ChatClient} with chat
 * memory, on a fleet of simulators, gives the conversation id once.
 */
class MlxLmChatClientAutoConfigurationTests {

	@Test
	void theChatMemoryConversationIdAloneKeepsEachConversationOnOneServer() {
		List<MlxLmSimulator> simulators = IntStream.range(0, 2)
			.mapToObj((i) -> MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start())
			.toList();
		List<String> args = new ArrayList<>(List.of("--mlxlm.base-url=lb://mlxlm/v1",
				"--mlxlm.model=" + FleetTestSupport.MODEL_A, "--spring.ai.openai.api-key=unused"));
		for (String property : FleetTestSupport.discovery(simulators)) {
			args.add("--" + property);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new))) {
			ChatMemory memory = MessageWindowChatMemory.builder().build();
			ChatClient chatClient = context.getBean(ChatClient.Builder.class)
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
				.build();
			Set<Object> servers = new HashSet<>();
			// Sixteen conversations that open alike: without their ids they would hash
			// alike.
			for (int conversation = 0; conversation < 16; conversation++) {
				String id = "conversation-" + conversation;
				Set<Object> turns = new HashSet<>();
				for (int turn = 0; turn < 2; turn++) {
					turns.add(chatClient.prompt()
						.user("Hello")
						.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, id))
						.call()
						.chatResponse()
						.getMetadata()
						.get(MlxLmChatModel.SERVER));
				}
				assertThat(turns).as("servers of " + id).hasSize(1);
				servers.addAll(turns);
			}
			assertThat(servers).hasSize(2);
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

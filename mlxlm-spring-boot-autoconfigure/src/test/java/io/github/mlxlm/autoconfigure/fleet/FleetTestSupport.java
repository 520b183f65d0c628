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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * What the fleet's auto-configuration tests share: Spring Cloud's discovery and
 * load-balancer auto-configurations, simple discovery properties for simulators, and
 * conversations sent through the application's own {@link MlxLmChatModel}.
 */
public final class FleetTestSupport {

	public static final String MODEL_A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String MODEL_B = "mlx-community/gemma-3-1b-it-4bit";

	public static final AutoConfigurations SPRING_CLOUD = AutoConfigurations.of(
			org.springframework.cloud.commons.util.UtilAutoConfiguration.class,
			org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class,
			org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerClientAutoConfiguration.class,
			org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration.class,
			org.springframework.cloud.loadbalancer.config.LoadBalancerCacheAutoConfiguration.class);

	private FleetTestSupport() {
	}

	/**
	 * Simple discovery properties for the {@code mlxlm} service, one instance per
	 * simulator.
	 */
	public static String[] discovery(List<MlxLmSimulator> simulators) {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < simulators.size(); i++) {
			properties.add("spring.cloud.discovery.client.simple.instances.mlxlm[" + i + "].uri="
					+ simulators.get(i).serverUrl());
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * A prompt of a conversation at a given turn: the same system and first user message
	 * on every turn, the earlier turns' exchanges, and a new user message.
	 */
	static Prompt turn(String conversation, int turn) {
		List<Message> messages = new ArrayList<>();
		messages.add(new SystemMessage("You are a helpful assistant."));
		messages.add(new UserMessage("Hello from " + conversation));
		for (int i = 1; i <= turn; i++) {
			messages.add(new AssistantMessage("Answer " + i));
			messages.add(new UserMessage("Question " + i + " of " + conversation));
		}
		return new Prompt(messages);
	}

	/**
	 * Call the chat model of the context (the real path: MLX-LM auto-configuration, its
	 * api and client, the chat model) with one turn of a conversation.
	 */
	static Mono<ChatResponse> chat(ApplicationContext context, String conversation, int turn) {
		return context.getBean(MlxLmChatModel.class).reactiveCall(turn(conversation, turn));
	}

	static long chats(MlxLmSimulator simulator) {
		return simulator.requests().stream().filter((r) -> r.path().equals("/v1/chat/completions")).count();
	}

	static Map<String, Object> details(Object health) {
		return ((org.springframework.boot.health.contributor.Health) health).getDetails();
	}

	/**
	 * Analyze a start-up failure as Spring Boot would, with the starter's failure
	 * analyzers (package-private, as Boot's are) from {@code spring.factories}.
	 * @param failure the failure
	 * @return the first analysis, or {@code null}
	 */
	static @Nullable FailureAnalysis analyze(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
					SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(FleetTestSupport.class)))
			.stream()
			.filter((analyzer) -> analyzer.getClass().getPackageName().startsWith("io.github.mlxlm"))
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}

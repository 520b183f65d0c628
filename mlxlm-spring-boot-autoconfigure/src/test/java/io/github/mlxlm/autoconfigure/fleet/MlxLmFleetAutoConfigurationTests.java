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

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmChatAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.autoconfigure.MlxLmHealthContributorAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmWebClientCustomizer;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.fleet.MlxLmFailoverExchangeFilterFunction;
import io.github.mlxlm.fleet.MlxLmInstanceExchangeFilterFunction;
import io.github.mlxlm.fleet.MlxLmLoadBalancer;
import io.github.mlxlm.health.MlxLmHealthIndicator;
import io.github.mlxlm.metrics.MlxLmFleetMetrics;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmFleetAutoConfiguration}.
 */
class MlxLmFleetAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(FleetTestSupport.SPRING_CLOUD)
		.withConfiguration(AutoConfigurations.of(MlxLmAutoConfiguration.class, MlxLmFleetAutoConfiguration.class));

	@Test
	void fleetIsNotConfiguredForAnHttpBaseUrl() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=http://localhost:8080/v1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MlxLmWebClientCustomizer.class)
				.doesNotHaveBean("mlxLmLoadBalancerClientSpecification"));
	}

	@Test
	void customizerAddsFailoverThenLoadBalancerThenInstanceFilters() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1").run((context) -> {
			assertThat(context).hasSingleBean(MlxLmWebClientCustomizer.class);
			WebClient.Builder builder = WebClient.builder().filter((request, next) -> next.exchange(request));
			context.getBean(MlxLmWebClientCustomizer.class).customize(builder);
			List<ExchangeFilterFunction> filters = new ArrayList<>();
			builder.filters(filters::addAll);
			assertThat(filters).hasSize(4);
			assertThat(filters.subList(1, 4)).map(Object::getClass)
				.containsExactly(MlxLmFailoverExchangeFilterFunction.class,
						ReactorLoadBalancerExchangeFilterFunction.class, MlxLmInstanceExchangeFilterFunction.class);
		});
	}

	@Test
	void mlxPolicyIsConfiguredForTheMlxServiceOnly() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1").run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstance("mlxlm")).isInstanceOf(MlxLmLoadBalancer.class);
			assertThat(factory.getInstance("another-service")).isInstanceOf(RoundRobinLoadBalancer.class);
		});
	}

	@Test
	void roundRobinIsSelectable() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.fleet.policy=round-robin")
			.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("mlxlm"))
				.isInstanceOf(RoundRobinLoadBalancer.class));
	}

	@Test
	void serviceIdComesFromTheConnectionDetailsInForce() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://from-property/v1")
			.withBean(MlxLmConnectionDetails.class, () -> () -> "lb://from-details/v1")
			.run((context) -> {
				LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
				assertThat(factory.getInstance("from-details")).isInstanceOf(MlxLmLoadBalancer.class);
				assertThat(factory.getInstance("from-property")).isInstanceOf(RoundRobinLoadBalancer.class);
			});
	}

	@Test
	void connectionDetailsForOneServerBesideALoadBalancedPropertyAreRefused() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.withBean(MlxLmConnectionDetails.class, () -> () -> "http://localhost:8080/v1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidMlxLmPropertyException.class)
				.hasMessageContaining("mlxlm.base-url")
				.hasMessageContaining("only one of the two is a load-balanced (lb://) URL"));
	}

	@Test
	void leastRequestsIsSelectable() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.fleet.policy=least-requests")
			.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("mlxlm"))
				.isInstanceOf(MlxLmLoadBalancer.class)
				.asString()
				.contains("conversationAffinity=false"));
	}

	@Test
	void userLoadBalancerClientForTheServiceKeepsTheStarterPolicyForWhatItLeavesOut() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.withUserConfiguration(UserListSupplierConfiguration.class)
			.run((context) -> {
				LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
				assertThat(factory.getInstance("mlxlm")).isInstanceOf(MlxLmLoadBalancer.class);
				assertThat(factory.getInstance("mlxlm", ServiceInstanceListSupplier.class))
					.isSameAs(UserListSupplier.SUPPLIER);
			});
	}

	@Test
	void loadBalancerBeansOfTheApplicationContextDoNotReplaceTheServicesOwn() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.withUserConfiguration(ApplicationWideLoadBalancerConfiguration.class)
			.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("mlxlm"))
				.isInstanceOf(MlxLmLoadBalancer.class));
	}

	@Test
	void userLoadBalancerClientForTheServiceWinsForWhatItDefines() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.withUserConfiguration(UserRoundRobinConfiguration.class)
			.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("mlxlm"))
				.isInstanceOf(RoundRobinLoadBalancer.class));
	}

	@Test
	void applicationApiAndClientUseTheLoadBalancedBaseUrl() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1").run((context) -> {
			MlxLmApi api = context.getBean(MlxLmApi.class);
			assertThat(api.connection().endpoint().isLoadBalanced()).isTrue();
			assertThat(context.getBean(MlxLmClient.class).api()).isSameAs(api);
		});
	}

	@Test
	void conversationsReachTheSimpleDiscoveryInstancesThroughTheChatModel() {
		List<MlxLmSimulator> simulators = IntStream.range(0, 3)
			.mapToObj((i) -> MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start())
			.toList();
		try {
			this.contextRunner.withConfiguration(AutoConfigurations.of(MlxLmChatAutoConfiguration.class))
				.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.model=" + FleetTestSupport.MODEL_A)
				.withPropertyValues(FleetTestSupport.discovery(simulators))
				.run((context) -> {
					assertThat(context.getBean(MlxLmChatModel.class).getApi())
						.isSameAs(context.getBean(MlxLmApi.class));
					StepVerifier
						.create(Flux.range(0, 4).concatMap((turn) -> FleetTestSupport.chat(context, "c-1", turn)))
						.expectNextCount(4)
						.expectComplete()
						.verify(TIMEOUT);
					assertThat(simulators.stream().map(FleetTestSupport::chats)).containsExactlyInAnyOrder(4L, 0L, 0L);
				});
		}
		finally {
			simulators.forEach(MlxLmSimulator::close);
		}
	}

	@Test
	void conversationIdKeepsEveryTurnOnOneServerAndIsNeverSent() {
		List<MlxLmSimulator> simulators = IntStream.range(0, 4)
			.mapToObj((i) -> MlxLmSimulator.builder().model(FleetTestSupport.MODEL_A).start())
			.toList();
		try {
			this.contextRunner.withConfiguration(AutoConfigurations.of(MlxLmChatAutoConfiguration.class))
				.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.model=" + FleetTestSupport.MODEL_A)
				.withPropertyValues(FleetTestSupport.discovery(simulators))
				.run((context) -> {
					MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
					// Every turn starts with another message, as when chat memory
					// trims the window: only the conversation id says they belong
					// together.
					List<String> servers = Flux.range(0, 6)
						.concatMap((turn) -> chatModel.reactiveCall(new Prompt(new UserMessage("Turn " + turn),
								MlxLmChatOptions.builder().conversationId("conversation-7").build())))
						.map((response) -> (String) response.getMetadata().get(MlxLmChatModel.SERVER))
						.collectList()
						.block(TIMEOUT);
					assertThat(simulators.stream().map(FleetTestSupport::chats)).containsExactlyInAnyOrder(6L, 0L, 0L,
							0L);
					MlxLmSimulator answering = simulators.stream()
						.filter((simulator) -> FleetTestSupport.chats(simulator) == 6)
						.findFirst()
						.orElseThrow();
					// The reply names the server the load balancer chose.
					assertThat(servers).hasSize(6).containsOnly(answering.host() + ":" + answering.port());
					assertThat(simulators.stream().flatMap((simulator) -> simulator.requests().stream()))
						.allSatisfy((request) -> assertThat(request.bodyAsString()).doesNotContain("conversation"));
				});
		}
		finally {
			simulators.forEach(MlxLmSimulator::close);
		}
	}

	@Test
	void everyInvalidFleetPropertyIsReportedAtOnce() {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.fleet.max-attempts=0",
					"mlxlm.fleet.health-check-interval=0s", "mlxlm.fleet.health-check-timeout=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable cause = context.getStartupFailure();
				while (cause != null && !(cause instanceof InvalidMlxLmPropertyException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOf(InvalidMlxLmPropertyException.class);
				assertThat(((InvalidMlxLmPropertyException) cause).getProblems())
					.extracting(InvalidMlxLmPropertyException.Problem::property)
					.containsExactly("mlxlm.fleet.health-check-interval", "mlxlm.fleet.health-check-timeout",
							"mlxlm.fleet.max-attempts");
				FailureAnalysis analysis = FleetTestSupport.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("3 MLX-LM properties are invalid")
					.contains("Invalid value '0' for property 'mlxlm.fleet.max-attempts': it must be at least 1")
					.contains("'PT0S' for property 'mlxlm.fleet.health-check-interval'")
					.contains("'PT-1S' for property 'mlxlm.fleet.health-check-timeout'");
				assertThat(analysis.getAction())
					.contains("Set mlxlm.fleet.max-attempts to 1 (no failover) or more, for example 3.")
					.contains("Set mlxlm.fleet.health-check-interval to a positive duration, for example 10s.");
			});
	}

	@Test
	void validFleetPropertiesAreUsed() {
		this.contextRunner
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1", "mlxlm.fleet.max-attempts=1",
					"mlxlm.fleet.health-check-interval=1s", "mlxlm.fleet.health-check-timeout=500ms")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MlxLmWebClientCustomizer.class));
	}

	@Test
	void fleetMetersAreBoundWithMicrometer() {
		this.contextRunner.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.run((context) -> assertThat(context).hasSingleBean(MlxLmFleetMetrics.class));
	}

	@Test
	void fleetMetersAreLeftOutWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MlxLmFleetMetrics.class));
	}

	@Test
	void startUpFailsNamingTheDependencyWhenLoadBalancerIsMissing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MlxLmFleetAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.cloud.loadbalancer"))
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(MlxLmLoadBalancerMissingException.class);
				var analysis = new MlxLmLoadBalancerMissingFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("lb://mlxlm/v1");
				assertThat(analysis.getAction()).contains("org.springframework.cloud:spring-cloud-starter-loadbalancer")
					.contains("spring.cloud.discovery.client.simple.instances.mlxlm[0].uri");
			});
	}

	@Test
	void noStartUpCheckWithoutLoadBalancerForAnHttpBaseUrl() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MlxLmFleetAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.cloud.loadbalancer"))
			.withPropertyValues("mlxlm.base-url=http://localhost:8080/v1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void singleServerHealthIndicatorBacksOffForALoadBalancedBaseUrl() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MlxLmHealthContributorAutoConfiguration.class))
			.withUserConfiguration(SingleClientConfiguration.class)
			.withPropertyValues("mlxlm.base-url=lb://mlxlm/v1")
			.run((context) -> assertThat(context).doesNotHaveBean(MlxLmHealthIndicator.class));
	}

	@Test
	void singleServerHealthIndicatorStaysForAnHttpBaseUrl() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MlxLmHealthContributorAutoConfiguration.class))
			.withUserConfiguration(SingleClientConfiguration.class)
			.withPropertyValues("mlxlm.base-url=http://localhost:8080/v1")
			.run((context) -> assertThat(context).hasSingleBean(MlxLmHealthIndicator.class));
	}

	private static ReactorLoadBalancer<ServiceInstance> roundRobin(LoadBalancerClientFactory factory,
			String serviceId) {
		return new RoundRobinLoadBalancer(factory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class),
				serviceId);
	}

	@Configuration(proxyBeanMethods = false)
	@LoadBalancerClient(name = "mlxlm", configuration = UserListSupplier.class)
	static class UserListSupplierConfiguration {

	}

	// Load-balancer configurations are not nested in a @Configuration class: Spring
	// would register their beans in the application context too.
	static class UserListSupplier {

		static final ServiceInstanceListSupplier SUPPLIER = ServiceInstanceListSuppliers.from("mlxlm");

		@Bean
		ServiceInstanceListSupplier userServiceInstanceListSupplier() {
			return SUPPLIER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@LoadBalancerClient(name = "mlxlm", configuration = UserRoundRobin.class)
	static class UserRoundRobinConfiguration {

	}

	static class UserRoundRobin {

		@Bean
		ReactorLoadBalancer<ServiceInstance> userLoadBalancer(LoadBalancerClientFactory factory) {
			return roundRobin(factory, "mlxlm");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationWideLoadBalancerConfiguration {

		@Bean
		ReactorLoadBalancer<ServiceInstance> applicationWideLoadBalancer(LoadBalancerClientFactory factory) {
			return roundRobin(factory, "other");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingleClientConfiguration {

		@Bean
		MlxLmClient mlxLmClient() {
			return MlxLmClient.builder().baseUrl("http://localhost:8080/v1").build();
		}

	}

}

package io.github.mlxlm.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.api.MlxLmRoutingHint;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the fleet's auto-configuration tests share: Spring Cloud's discovery and
 * load-balancer auto-configurations, simple discovery properties for simulators, and a
 * {@code WebClient} built as the MLX-LM API client will build its own (the customizers
 * applied).
 */
final class FleetTestSupport {

	static final String MODEL_A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String MODEL_B = "mlx-community/gemma-3-1b-it-4bit";

	static final AutoConfigurations SPRING_CLOUD = AutoConfigurations.of(
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
	static String[] discovery(List<MlxLmSimulator> simulators) {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < simulators.size(); i++) {
			properties.add("spring.cloud.discovery.client.simple.instances.mlxlm[" + i + "].uri="
					+ simulators.get(i).serverUrl());
		}
		return properties.toArray(String[]::new);
	}

	static WebClient webClient(ApplicationContext context) {
		HttpClient httpClient = HttpClient.create(ConnectionProvider.newConnection())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(10));
		WebClient.Builder builder = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient));
		context.getBeanProvider(MlxLmWebClientCustomizer.class).orderedStream().forEach((c) -> c.customize(builder));
		return builder.baseUrl("lb://mlxlm/v1").build();
	}

	static Mono<String> chat(WebClient webClient, String model, String key) {
		String body = "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
		return webClient.post()
			.uri("/chat/completions")
			.attribute(MlxLmRoutingHint.ATTRIBUTE, new MlxLmRoutingHint(model, key))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.bodyToMono(String.class);
	}

	static long chats(MlxLmSimulator simulator) {
		return simulator.requests().stream().filter((r) -> r.path().equals("/v1/chat/completions")).count();
	}

	/**
	 * {@code MlxLmProperties} that accept an {@code lb://} base URL. Until the base URL
	 * validation accepts it, the fleet's tests bind the other {@code mlxlm.*} properties
	 * through this and leave out {@link MlxLmAutoConfiguration}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LenientMlxLmProperties {

		@Bean
		MlxLmProperties mlxLmProperties() {
			return new MlxLmProperties() {

				@Override
				public void setBaseUrl(String baseUrl) {
				}

			};
		}

	}

	static Map<String, Object> details(Object health) {
		return ((org.springframework.boot.health.contributor.Health) health).getDetails();
	}

}

package io.github.mlxlm.autoconfigure;

import java.util.function.Function;

import io.github.mlxlm.client.MlxLmClient;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the client of one server of a fleet from its base URL, with the connection
 * settings of {@code mlxlm.*}.
 * <p>
 * The client names no model, so that detection reports the model the server itself serves
 * (routing and health need that, not the configured one), and it addresses the server
 * directly, never through the load balancer.
 *
 * @author mlxlm developers
 */
class MlxLmInstanceClientFactory implements Function<String, MlxLmClient> {

	private final MlxLmProperties properties;

	private final WebClient.@Nullable Builder webClientBuilder;

	MlxLmInstanceClientFactory(MlxLmProperties properties, WebClient.@Nullable Builder webClientBuilder) {
		this.properties = properties;
		this.webClientBuilder = webClientBuilder;
	}

	@Override
	public MlxLmClient apply(String baseUrl) {
		MlxLmClient.Builder builder = MlxLmClient.builder()
			.baseUrl(baseUrl)
			.apiKey(this.properties.getApiKey())
			.connectTimeout(this.properties.getConnectTimeout())
			.readTimeout(this.properties.getReadTimeout());
		if (this.webClientBuilder != null) {
			builder.webClientBuilder(this.webClientBuilder);
		}
		return builder.build();
	}

}

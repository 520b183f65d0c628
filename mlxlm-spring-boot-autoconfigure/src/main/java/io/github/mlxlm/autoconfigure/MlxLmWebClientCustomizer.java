package io.github.mlxlm.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback that customizes the {@link WebClient.Builder} of the MLX-LM API client, and
 * only that one (the application's other {@code WebClient}s are left alone).
 * <p>
 * Applied to the API client's own copy of Boot's builder, after the starter configured
 * it. The starter itself uses it to add the load-balancer filters when
 * {@code mlxlm.base-url} is an {@code lb://} URL.
 *
 * @author mlxlm developers
 */
@FunctionalInterface
public interface MlxLmWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the MLX-LM API client's {@code WebClient}
	 */
	void customize(WebClient.Builder builder);

}

package io.github.mlxlm.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customizes the {@link WebClient.Builder} of the starter's one wire to mlx_lm.server
 * (after Spring Boot's own {@code WebClientCustomizer}s), such as adding exchange filters.
 * Beans of this type are applied in order.
 *
 * @author mlxlm developers
 */
@FunctionalInterface
public interface MlxLmWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the starter's {@code WebClient}
	 */
	void customize(WebClient.Builder builder);

}

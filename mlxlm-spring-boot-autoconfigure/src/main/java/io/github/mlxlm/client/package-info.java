/**
 * Reactive client for Apple's MLX-LM server ({@code mlx_lm.server}): liveness, the model
 * listing and MLX-aware model detection.
 * <p>
 * Knows nothing of Spring Boot: it needs only Spring WebFlux, Reactor Netty and Jackson,
 * so it can be used with a plain
 * {@link org.springframework.web.reactive.function.client.WebClient.Builder}.
 */
@NullMarked
package io.github.mlxlm.client;

import org.jspecify.annotations.NullMarked;

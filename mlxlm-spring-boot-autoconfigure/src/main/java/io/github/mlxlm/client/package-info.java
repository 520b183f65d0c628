/**
 * Reactive client for Apple's MLX-LM server ({@code mlx_lm.server}) over the starter's
 * wire: liveness and status, the model listing and MLX-aware model detection, text
 * completions (a call and a stream), the generation probe, and the server's identity from
 * {@code system_fingerprint}; records for what the server returns.
 * <p>
 * Knows nothing of Spring Boot: it needs only Spring WebFlux, Reactor Netty and Jackson,
 * so it can be used with a plain
 * {@link org.springframework.web.reactive.function.client.WebClient.Builder}.
 */
@NullMarked
package io.github.mlxlm.client;

import org.jspecify.annotations.NullMarked;

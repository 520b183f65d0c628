/**
 * The wire to Apple's MLX-LM server ({@code mlx_lm.server}), once: one {@code WebClient},
 * one connection value, request and reply records, SSE reading and one error translator.
 * Every HTTP call of the library goes through here.
 * <p>
 * Knows nothing of Spring Boot: it needs only Spring WebFlux, Reactor Netty and Jackson,
 * so it can be used with a plain
 * {@link org.springframework.web.reactive.function.client.WebClient.Builder}.
 */
@NullMarked
package io.github.mlxlm.api;

import org.jspecify.annotations.NullMarked;

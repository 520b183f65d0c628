/**
 * Several MLX-LM servers behind Spring Cloud LoadBalancer: the MLX routing policy
 * (model-aware, conversation affinity for the per-server prompt cache, a load guard) and
 * the {@code WebClient} filters that count requests in flight for a whole response and
 * fail over when a connection could not be opened.
 * <p>
 * Knows nothing of Spring Boot: it needs Spring Cloud Commons and Spring Cloud
 * LoadBalancer, and the starter's {@link io.github.mlxlm.client.MlxLmClient} to check
 * each server.
 */
@NullMarked
package io.github.mlxlm.fleet;

import org.jspecify.annotations.NullMarked;

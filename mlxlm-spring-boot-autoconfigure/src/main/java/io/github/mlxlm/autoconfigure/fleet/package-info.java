/**
 * Auto-configuration for several MLX-LM servers behind one load-balanced base URL
 * ({@code mlxlm.base-url=lb://service-id/v1}): Spring Cloud LoadBalancer with the MLX
 * routing policy, failover, per-server health and metrics.
 */
@NullMarked
package io.github.mlxlm.autoconfigure.fleet;

import org.jspecify.annotations.NullMarked;

/**
 * Health of MLX-LM servers: {@code MlxLmHealthIndicator} for one server (liveness, or the
 * generation probe; the configured model's presence; what started the server, through
 * {@code MlxLmServerStartup}), and {@code MlxLmFleetHealthContributor} with one component
 * per server behind an {@code lb://} base URL.
 */
@NullMarked
package io.github.mlxlm.health;

import org.jspecify.annotations.NullMarked;

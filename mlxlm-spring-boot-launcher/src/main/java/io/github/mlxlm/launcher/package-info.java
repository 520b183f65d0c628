/**
 * Development services for MLX: a local {@code mlx_lm.server} started, watched and
 * stopped for the application, as {@code spring-boot-docker-compose} does for containers.
 */
@NullMarked
package io.github.mlxlm.launcher;

import org.jspecify.annotations.NullMarked;

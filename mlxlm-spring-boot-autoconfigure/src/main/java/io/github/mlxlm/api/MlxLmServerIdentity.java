/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mlxlm.api;

import org.jspecify.annotations.Nullable;

/**
 * What the server says about itself in {@code system_fingerprint}, the only place it
 * tells its version: {@code <mlx-lm version>-<mlx version>-<platform>-<gpu arch>}, such
 * as {@code 0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s}.
 *
 * @param serverVersion the mlx-lm version, such as {@code 0.32.0}
 * @param mlxVersion the MLX version, such as {@code 0.32.1}
 * @param platform the platform, such as {@code macOS-15.6-arm64-arm-64bit}, or {@code ""}
 * @param gpu the GPU architecture, such as {@code applegpu_g15s}, or {@code ""}
 * @param fingerprint the whole fingerprint as sent
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmServerIdentity(String serverVersion, String mlxVersion, String platform, String gpu,
		String fingerprint) {

	/**
	 * Parse a {@code system_fingerprint}.
	 * @param fingerprint the fingerprint, or {@code null}
	 * @return the identity, or {@code null} when the value does not have at least the two
	 * version parts
	 */
	public static @Nullable MlxLmServerIdentity parse(@Nullable String fingerprint) {
		if (fingerprint == null || fingerprint.isBlank()) {
			return null;
		}
		String[] parts = fingerprint.strip().split("-");
		if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
			return null;
		}
		String gpu = (parts.length >= 4) ? parts[parts.length - 1] : "";
		String platform = (parts.length >= 4)
				? String.join("-", java.util.Arrays.copyOfRange(parts, 2, parts.length - 1))
				: (parts.length == 3) ? parts[2] : "";
		return new MlxLmServerIdentity(parts[0], parts[1], platform, gpu, fingerprint.strip());
	}

}

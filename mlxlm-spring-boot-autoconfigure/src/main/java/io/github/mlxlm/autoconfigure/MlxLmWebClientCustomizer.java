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
 * @since 0.1.0
 */
@FunctionalInterface
public interface MlxLmWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the MLX-LM API client's {@code WebClient}
	 */
	void customize(WebClient.Builder builder);

}

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
 * What a load balancer in front of several servers may route a request on: the model id
 * the request sends and, for a chat, a key that stays the same for every turn of one
 * conversation (so that its turns reach the server whose prompt cache holds it).
 * <p>
 * Every request of the MLX-LM API client carries its hint as the {@code WebClient}
 * request attribute {@link #ATTRIBUTE}.
 *
 * @param model the model id sent on the wire ({@code default_model} for the server's own
 * model)
 * @param affinityKey the conversation key, or {@code null} when the request belongs to no
 * conversation (model listing, health, text completions)
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmRoutingHint(String model, @Nullable String affinityKey) {

	/**
	 * Name of the {@code WebClient} request attribute that carries the hint.
	 */
	public static final String ATTRIBUTE = MlxLmRoutingHint.class.getName();

}

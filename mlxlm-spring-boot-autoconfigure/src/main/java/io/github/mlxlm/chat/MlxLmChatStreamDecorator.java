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

package io.github.mlxlm.chat;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Wraps every stream of an {@link MlxLmChatModel} as it comes from the server (before
 * reasoning, usage and error mapping), for example to measure it.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@FunctionalInterface
public interface MlxLmChatStreamDecorator {

	/**
	 * Decorate one stream.
	 * @param model the model id the request sends (such as {@code default_model})
	 * @param stream the stream as Spring AI reads it from the server
	 * @return the decorated stream
	 */
	Flux<ChatResponse> decorate(String model, Flux<ChatResponse> stream);

}

package io.github.mlxlm.chat;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Wraps every stream of an {@link MlxLmChatModel} as it comes from the server (before
 * reasoning, usage and error mapping), for example to measure it.
 *
 * @author mlxlm developers
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

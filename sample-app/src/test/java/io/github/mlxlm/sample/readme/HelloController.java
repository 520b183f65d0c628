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

package io.github.mlxlm.sample.readme;

/*
 * The README's quick start, as a real controller: scanned into the sample app's tests (it
 * lives under the sample's package) and called by ReadmeExamplesTests.
 */
// tag::quick-start[]
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HelloController {

	private final ChatClient chatClient;

	HelloController(ChatClient.Builder builder) {
		this.chatClient = builder.build();
	}

	@GetMapping("/hello")
	Mono<String> hello(@RequestParam(defaultValue = "Say hello") String message) {
		// call() blocks until the answer is whole: keep it off WebFlux's event loop.
		return Mono.fromCallable(() -> this.chatClient.prompt().user(message).call().content())
			.subscribeOn(Schedulers.boundedElastic());
	}

	@GetMapping(path = "/hello/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<Chunk> helloStream(@RequestParam(defaultValue = "Say hello") String message) {
		// Non-blocking: one event per chunk of text, as the server generates it.
		return this.chatClient.prompt().user(message).stream().content().map(Chunk::new);
	}

	// Each event's data is {"text":" world"}: SSE readers drop one leading space of
	// plain text data, never of JSON.
	record Chunk(String text) {
	}

}
// end::quick-start[]

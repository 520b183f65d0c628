package io.github.mlxlm.sample.readme;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's quick start, as a real controller: scanned into the sample app's tests (it
 * lives under the sample's package) and called by {@code ReadmeExamplesTests}.
 */
// tag::quick-start[]
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
	Flux<String> helloStream(@RequestParam(defaultValue = "Say hello") String message) {
		// Non-blocking: each chunk of text as the server generates it.
		return this.chatClient.prompt().user(message).stream().content();
	}

}
// end::quick-start[]

package io.github.mlxlm.shutdown;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat call whose caller gives up stops the generation on the server within a second:
 * the call is a streamed request, so closing its connection makes the server's next write
 * fail, which is the only way it notices a gone client.
 */
class ChatCallCancellationTests {

	static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

	/** 200 tokens at 20 tokens/s: the server is still generating for 10 s. */
	static final String LONG_ANSWER = String.join(" ", Collections.nCopies(200, "token"));

	MlxLmSimulator simulator;

	MlxLmChatModelFactory factory;

	MlxLmChatModel chatModel;

	@BeforeEach
	void start() {
		this.simulator = MlxLmSimulator.builder()
			.model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
			.script("Count", LONG_ANSWER)
			.tokensPerSecond(20)
			.start();
		this.factory = MlxLmChatModelFactory.builder().baseUrl(this.simulator.baseUrl()).build();
		this.chatModel = this.factory.createChatModel(MlxLmChatOptions.builder().build());
	}

	@AfterEach
	void stop() {
		this.factory.close();
		this.simulator.close();
	}

	@Test
	void cancellingAReactiveCallClosesTheServerConnectionWithinASecond() {
		Disposable call = this.chatModel.reactiveCall(new Prompt("Count")).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.openConnections() == 1);
		call.dispose();
		await().atMost(WITHIN_A_SECOND).until(() -> this.simulator.openConnections() == 0);
	}

	@Test
	void interruptingABlockingCallClosesTheServerConnectionWithinASecond() throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				this.chatModel.call(new Prompt("Count"));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "abandoned-caller");
		caller.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.openConnections() == 1);
		caller.interrupt();
		await().atMost(WITHIN_A_SECOND).until(() -> this.simulator.openConnections() == 0);
		caller.join(Duration.ofSeconds(5).toMillis());
		assertThat(failure.get()).isNotNull();
	}

}

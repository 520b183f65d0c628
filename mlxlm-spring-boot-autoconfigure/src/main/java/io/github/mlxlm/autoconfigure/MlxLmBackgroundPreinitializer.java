package io.github.mlxlm.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.mlxlm.api.MlxLmApi;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Loads and initializes, on a background thread while the application starts, what the
 * first call to mlx_lm.server needs: Reactor Netty's event loops and resolver, the
 * {@code WebClient} machinery, Jackson's handling of the wire's records and Spring AI's
 * response types. The first chat call then costs little more than any other, without a
 * network call at start-up. Like Spring Boot's own background pre-initializer, it runs
 * only on a machine with more than one core and is switched off by the system property
 * {@value #IGNORE}.
 *
 * @author mlxlm developers
 */
class MlxLmBackgroundPreinitializer implements ApplicationListener<SpringApplicationEvent>, Ordered {

	/**
	 * Spring Boot's switch for background pre-initialization, honoured here too.
	 */
	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	private static final AtomicBoolean startedInThisJvm = new AtomicBoolean();

	private static final String CHUNK = "{\"id\": \"chatcmpl-0\", \"system_fingerprint\": \"0.0.0-0.0.0\", "
			+ "\"object\": \"chat.completion.chunk\", \"model\": \"default_model\", \"created\": 0, \"choices\": "
			+ "[{\"index\": 0, \"finish_reason\": \"stop\", \"delta\": {\"role\": \"assistant\", \"content\": \"x\", "
			+ "\"reasoning\": \"y\", \"tool_calls\": [{\"index\": 0, \"id\": \"0\", \"type\": \"function\", "
			+ "\"function\": {\"name\": \"f\", \"arguments\": \"{}\"}}]}}], \"usage\": {\"prompt_tokens\": 1, "
			+ "\"completion_tokens\": 1, \"total_tokens\": 2, \"prompt_tokens_details\": {\"cached_tokens\": 0}}}";

	private final AtomicBoolean started;

	private final Consumer<Runnable> starter;

	MlxLmBackgroundPreinitializer() {
		this(startedInThisJvm, MlxLmBackgroundPreinitializer::startDaemon);
	}

	MlxLmBackgroundPreinitializer(AtomicBoolean started, Consumer<Runnable> starter) {
		this.started = started;
		this.starter = starter;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent && !Boolean.getBoolean(IGNORE)
				&& Runtime.getRuntime().availableProcessors() > 1 && this.started.compareAndSet(false, true)) {
			this.starter.accept(MlxLmBackgroundPreinitializer::preinitialize);
		}
	}

	private static void startDaemon(Runnable work) {
		Thread thread = new Thread(work, "mlxlm-background-preinit");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Run every step.
	 * @return what failed (nothing, normally); a failure only costs the head start
	 */
	static List<Throwable> preinitialize() {
		List<Throwable> failures = new ArrayList<>();
		run(failures, () -> HttpClient.create(ConnectionProvider.newConnection()).warmup().block());
		run(failures, () -> WebClient.builder().build().post().uri("http://localhost/").bodyValue(new byte[0]));
		run(failures, () -> {
			JsonMapper mapper = MlxLmApi.newJsonMapper();
			mapper.readValue(CHUNK, MlxLmApi.Completion.class);
			mapper.writeValueAsBytes(new MlxLmApi.ChatRequest("default_model",
					List.of(new MlxLmApi.Message("user", "x", null, null, null, null)), 1, 0.0, null, null, null, null,
					null, null, true, null, Map.of("top_k", 1)));
		});
		if (ClassUtils.isPresent("org.springframework.ai.chat.model.ChatResponse",
				MlxLmBackgroundPreinitializer.class.getClassLoader())) {
			run(failures, MlxLmChatPreinitialization::run);
		}
		return failures;
	}

	private static void run(List<Throwable> failures, Runnable step) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			// Only a head start: whatever fails here is done again, and reported, on
			// first use.
			failures.add(ex);
		}
	}

}

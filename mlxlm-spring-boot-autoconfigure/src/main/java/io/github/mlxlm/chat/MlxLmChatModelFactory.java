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

import java.time.Duration;

import io.github.mlxlm.api.MlxLmApi;
import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmModelDetection;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Creates {@link MlxLmChatModel}s on one wire to one server, for programmatic use: one
 * per model name, or one after checking the server ({@link #createAsync}).
 * <p>
 * Every model it creates sends the configured model id exactly as written, or the given
 * one, or {@value MlxLmConnection#DEFAULT_MODEL}: never a detected id (another id makes
 * the server load it and evict the resident model). The detected id is reported in
 * response metadata and observations. {@link #close()} ends the calls and streams in
 * flight with an error that says the application is shutting down.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmChatModelFactory implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MlxLmChatModelFactory.class);

	// The server's model changes only when it restarts: one listing a minute is plenty.
	private static final Duration MODEL_NAME_TTL = Duration.ofMinutes(1);

	private final MlxLmClient client;

	private final ToolCallingManager toolCallingManager;

	private final ObservationRegistry observationRegistry;

	private final SingletonSupplier<Mono<String>> detectedModelName;

	private MlxLmChatModelFactory(MlxLmClient client, ToolCallingManager toolCallingManager,
			ObservationRegistry observationRegistry) {
		this.client = client;
		this.toolCallingManager = toolCallingManager;
		this.observationRegistry = observationRegistry;
		// Assembled on first use: its operators start Reactor's parallel scheduler,
		// which would cost an application's start-up.
		this.detectedModelName = SingletonSupplier.of(() -> client.detectModel()
			.map(MlxLmModelDetection::modelId)
			.timeout(client.api().connection().connectTimeout(), Mono.empty())
			// A server that lists no model (one loaded from a local path) lists none a
			// call later too: without caching that answer, every call would wait for a
			// listing first.
			.cache((value) -> MODEL_NAME_TTL, (error) -> Duration.ZERO, () -> MODEL_NAME_TTL));
	}

	/**
	 * Start building a factory.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the wire the models use.
	 * @return the api
	 */
	public MlxLmApi getApi() {
		return this.client.api();
	}

	/**
	 * Create a chat model for the configured model, or for the server's own model when
	 * none is configured.
	 * @return the chat model
	 */
	public MlxLmChatModel create() {
		return create(null);
	}

	/**
	 * Create a chat model that sends the given model id.
	 * @param modelName the model id to send exactly as given, or {@code null}/blank for
	 * the configured model (or {@value MlxLmConnection#DEFAULT_MODEL} when none is
	 * configured)
	 * @return the chat model
	 */
	public MlxLmChatModel create(@Nullable String modelName) {
		MlxLmChatOptions.Builder defaults = MlxLmChatOptions.builder();
		if (StringUtils.hasText(modelName)) {
			defaults.model(modelName.strip());
		}
		return createChatModel(defaults.build());
	}

	/**
	 * Create a chat model with default options.
	 * @param defaults the options every request starts from; when they name no model, the
	 * configured model (or {@value MlxLmConnection#DEFAULT_MODEL}) is sent
	 * @return the chat model
	 */
	public MlxLmChatModel createChatModel(MlxLmChatOptions defaults) {
		return chatModelBuilder().defaultOptions(defaults).build();
	}

	/**
	 * Return a chat model builder on this factory's wire, tool-calling manager,
	 * observation registry and model detection, for further settings.
	 * @return the builder
	 */
	public MlxLmChatModel.Builder chatModelBuilder() {
		return MlxLmChatModel.builder()
			.api(this.client.api())
			.toolCallingManager(this.toolCallingManager)
			.observationRegistry(this.observationRegistry)
			.modelName(this.detectedModelName);
	}

	/**
	 * Verify the server, then create the chat model.
	 * <p>
	 * Detection is for reporting only: the model still sends the configured id or
	 * {@value MlxLmConnection#DEFAULT_MODEL}, because sending a detected id could make
	 * the server load another model.
	 * @param autoDetect whether to detect and log the model the server serves when none
	 * is configured; a detection failure fails the returned {@code Mono} with an
	 * {@code MlxLmException}
	 * @param testConnection whether to check the server's {@code /health} first; if it
	 * does not answer, the returned {@code Mono} fails with an
	 * {@link MlxLmConnectionException} naming the URL
	 * @return a {@code Mono} of the chat model
	 */
	public Mono<MlxLmChatModel> createAsync(boolean autoDetect, boolean testConnection) {
		Mono<Void> check = testConnection ? this.client.status()
			.flatMap((status) -> status.connected() ? Mono.<Void>empty()
					: Mono.error(new MlxLmConnectionException(
							"Cannot connect to the MLX-LM server at " + status.baseUrl() + ": " + status.error(),
							status.baseUrl(), MlxLmException.Reason.REFUSED, null)))
				: Mono.empty();
		Mono<Void> detect = (autoDetect && this.client.configuredModel() == null) ? this.client.detectModel()
			.doOnNext((detection) -> logger.info("MLX-LM server at " + this.client.endpoint().baseUrl() + " serves "
					+ detection.modelId() + (detection.guessed() ? " (a guess: the server lists several models)" : "")
					+ "; requests send \"" + MlxLmConnection.DEFAULT_MODEL + "\" so that no other model is loaded"))
			.then() : Mono.empty();
		return check.then(detect).then(Mono.fromSupplier(this::create));
	}

	/**
	 * End the calls and streams in flight of every model created here, and fail later
	 * ones: their connections are closed and their subscribers get an
	 * {@link MlxLmException} that says the application is shutting down.
	 */
	@Override
	public void close() {
		this.client.api().close();
	}

	@Override
	public String toString() {
		return "MlxLmChatModelFactory[" + this.client.api().connection() + "]";
	}

	/**
	 * Builds an {@link MlxLmChatModelFactory} on a client's wire. How to reach the server
	 * is the client's to say ({@link MlxLmClient#builder()}), as Spring AI's
	 * {@code OllamaChatModel.builder().ollamaApi(...)}.
	 */
	public static final class Builder {

		private @Nullable MlxLmClient client;

		private ToolCallingManager toolCallingManager = DefaultToolCallingManager.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder() {
		}

		/**
		 * Use the wire of a client, such as
		 * {@code MlxLmClient.builder().baseUrl("http://localhost:8080/v1").build()}.
		 * @param client the client (required)
		 * @return this builder
		 */
		public Builder client(MlxLmClient client) {
			Assert.notNull(client, "'client' must not be null");
			this.client = client;
			return this;
		}

		/**
		 * Set the tool-calling manager of the models.
		 * @param toolCallingManager the manager
		 * @return this builder
		 */
		public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
			Assert.notNull(toolCallingManager, "'toolCallingManager' must not be null");
			this.toolCallingManager = toolCallingManager;
			return this;
		}

		/**
		 * Set the observation registry of the models.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Build the factory. No network call is made.
		 * @return the factory
		 */
		public MlxLmChatModelFactory build() {
			Assert.state(this.client != null,
					"'client' must be set, for example MlxLmClient.builder().baseUrl(\"http://localhost:8080/v1\").build()");
			return new MlxLmChatModelFactory(this.client, this.toolCallingManager, this.observationRegistry);
		}

	}

}

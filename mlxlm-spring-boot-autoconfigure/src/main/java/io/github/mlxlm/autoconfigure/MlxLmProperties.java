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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the connection to an MLX-LM server
 * ({@code mlx_lm.server}).
 * <p>
 * A plain holder: {@link MlxLmPropertiesValidator} checks every value at start-up and
 * reports all invalid ones at once, each with its value and the fix.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@ConfigurationProperties(MlxLmProperties.PREFIX)
public class MlxLmProperties {

	/**
	 * Prefix of every MLX-LM property.
	 */
	public static final String PREFIX = "mlxlm";

	/**
	 * Base URL of the server's OpenAI-compatible API, usually ending in "/v1". Health is
	 * checked at the server root: this URL minus its trailing "/v1" segment.
	 */
	private String baseUrl = "http://localhost:8080/v1";

	/**
	 * API key sent as a "Bearer" Authorization header, for a server behind an
	 * authenticating proxy. Blank sends no Authorization header: mlx_lm.server itself has
	 * no authentication. Never logged or shown in health details.
	 */
	private @Nullable String apiKey;

	/**
	 * Model id sent with every chat request, exactly as written. Blank sends
	 * "default_model", which makes the server use the model it was started with
	 * (--model). Any other id makes the server load that model and evict the resident
	 * one, so set it only to the model you mean to run.
	 */
	private @Nullable String model;

	/**
	 * Maximum time to establish a TCP connection to the server.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Longest silence allowed on an open connection: before the first token (while the
	 * server processes the prompt, or waits for another generation to finish) and between
	 * tokens. Chat calls are streamed under the hood, so no answer is cut by its length;
	 * a text completion without streaming is silent until it is whole.
	 */
	private Duration readTimeout = Duration.ofMinutes(5);

	/**
	 * Largest reply accepted, or text streamed in one answer: a larger one fails with a
	 * clear error instead of filling the heap.
	 */
	private DataSize maxReplySize = DataSize.ofMegabytes(16);

	/**
	 * Whether to check at start-up that the server answers, failing start-up if it does
	 * not. Off by default: nothing calls the network at start-up unless asked.
	 */
	private boolean testConnection;

	/**
	 * Whether to send one 1-token request once the application is ready, so that the
	 * model is loaded before the first user request. Runs in the background: it never
	 * delays or fails start-up; its duration is logged at INFO, a failure at WARN.
	 */
	private boolean warmUp;

	/**
	 * Health indicator settings.
	 */
	private final Health health = new Health();

	/**
	 * Defaults of every chat request.
	 */
	private final Chat chat = new Chat();

	/**
	 * Retry settings for connections that fail before any request byte is sent.
	 */
	private final Retry retry = new Retry();

	private final Shutdown shutdown = new Shutdown();

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public DataSize getMaxReplySize() {
		return this.maxReplySize;
	}

	public void setMaxReplySize(DataSize maxReplySize) {
		this.maxReplySize = maxReplySize;
	}

	public boolean isTestConnection() {
		return this.testConnection;
	}

	public void setTestConnection(boolean testConnection) {
		this.testConnection = testConnection;
	}

	public boolean isWarmUp() {
		return this.warmUp;
	}

	public void setWarmUp(boolean warmUp) {
		this.warmUp = warmUp;
	}

	public Health getHealth() {
		return this.health;
	}

	public Chat getChat() {
		return this.chat;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	@Override
	public String toString() {
		// The api key is deliberately left out: it must never reach a log line.
		return "MlxLmProperties{baseUrl=" + this.baseUrl + ", model=" + this.model + ", apiKey="
				+ (StringUtils.hasText(this.apiKey) ? "******" : "<none>") + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", testConnection=" + this.testConnection + "}";
	}

	/**
	 * Defaults of every chat request. Unset values are not sent, so the server's own
	 * default applies; a request's own options win over these.
	 */
	public static class Chat {

		/**
		 * Maximum number of tokens to generate. Set by default because the server's own
		 * default (512) silently cuts longer answers (finish reason "length").
		 */
		private @Nullable Integer maxTokens = 2048;

		/**
		 * Sampling temperature, 0.0 or more. Unset uses the server's default (0.0,
		 * greedy).
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling: only tokens within this cumulative probability, from 0.0 to
		 * 1.0.
		 */
		private @Nullable Double topP;

		/**
		 * Sequences that end the answer when generated.
		 */
		private @Nullable List<String> stop;

		/**
		 * Random seed. A request with a seed is served alone, outside the server's batch.
		 */
		private @Nullable Integer seed;

		/**
		 * MLX only: sample only among this many most likely tokens, 0 or more (0 means no
		 * limit).
		 */
		private @Nullable Integer topK;

		/**
		 * MLX only: drop tokens less likely than this fraction of the most likely one,
		 * from 0.0 to 1.0.
		 */
		private @Nullable Double minP;

		/**
		 * MLX only: penalty for repeating recent tokens, 0.0 or more (1.0 means none).
		 */
		private @Nullable Double repetitionPenalty;

		/**
		 * MLX only: number of recent tokens the repetition penalty looks at, 0 or more.
		 */
		private @Nullable Integer repetitionContextSize;

		/**
		 * Penalty for tokens that already appeared, from -2.0 to 2.0.
		 */
		private @Nullable Double presencePenalty;

		/**
		 * Penalty proportional to how often a token already appeared, from -2.0 to 2.0.
		 */
		private @Nullable Double frequencyPenalty;

		/**
		 * MLX only: probability of applying XTC ("exclude top choices") sampling, from
		 * 0.0 to 1.0. Always sent as a JSON float.
		 */
		private @Nullable Double xtcProbability;

		/**
		 * MLX only: probability above which XTC excludes top tokens, from 0.0 to 0.5.
		 * Always sent as a JSON float.
		 */
		private @Nullable Double xtcThreshold;

		/**
		 * Bias added to the logits of the given token ids (keys are token ids).
		 */
		private @Nullable Map<String, Double> logitBias;

		/**
		 * Whether a thinking model (such as Qwen3) thinks before answering, sent as
		 * chat_template_kwargs.enable_thinking. Unset leaves it to the chat template.
		 */
		private @Nullable Boolean enableThinking;

		/**
		 * Extra variables for the model's chat template (chat_template_kwargs). Values
		 * written as true/false or as numbers are sent as JSON booleans or numbers,
		 * whatever the property source.
		 */
		private @Nullable Map<String, Object> chatTemplateKwargs;

		/**
		 * MLX only: path of LoRA adapters the server applies to the model.
		 */
		private @Nullable String adapters;

		/**
		 * MLX only: draft model for speculative decoding. A request with a draft model is
		 * served alone, outside the server's batch.
		 */
		private @Nullable String draftModel;

		/**
		 * MLX only: number of tokens the draft model proposes per step, 1 or more.
		 */
		private @Nullable Integer numDraftTokens;

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable List<String> getStop() {
			return this.stop;
		}

		public void setStop(@Nullable List<String> stop) {
			this.stop = stop;
		}

		public @Nullable Integer getSeed() {
			return this.seed;
		}

		public void setSeed(@Nullable Integer seed) {
			this.seed = seed;
		}

		public @Nullable Integer getTopK() {
			return this.topK;
		}

		public void setTopK(@Nullable Integer topK) {
			this.topK = topK;
		}

		public @Nullable Double getMinP() {
			return this.minP;
		}

		public void setMinP(@Nullable Double minP) {
			this.minP = minP;
		}

		public @Nullable Double getRepetitionPenalty() {
			return this.repetitionPenalty;
		}

		public void setRepetitionPenalty(@Nullable Double repetitionPenalty) {
			this.repetitionPenalty = repetitionPenalty;
		}

		public @Nullable Integer getRepetitionContextSize() {
			return this.repetitionContextSize;
		}

		public void setRepetitionContextSize(@Nullable Integer repetitionContextSize) {
			this.repetitionContextSize = repetitionContextSize;
		}

		public @Nullable Double getPresencePenalty() {
			return this.presencePenalty;
		}

		public void setPresencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
		}

		public @Nullable Double getFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
		}

		public @Nullable Double getXtcProbability() {
			return this.xtcProbability;
		}

		public void setXtcProbability(@Nullable Double xtcProbability) {
			this.xtcProbability = xtcProbability;
		}

		public @Nullable Double getXtcThreshold() {
			return this.xtcThreshold;
		}

		public void setXtcThreshold(@Nullable Double xtcThreshold) {
			this.xtcThreshold = xtcThreshold;
		}

		public @Nullable Map<String, Double> getLogitBias() {
			return this.logitBias;
		}

		public void setLogitBias(@Nullable Map<String, Double> logitBias) {
			this.logitBias = logitBias;
		}

		public @Nullable Boolean getEnableThinking() {
			return this.enableThinking;
		}

		public void setEnableThinking(@Nullable Boolean enableThinking) {
			this.enableThinking = enableThinking;
		}

		public @Nullable Map<String, Object> getChatTemplateKwargs() {
			return this.chatTemplateKwargs;
		}

		public void setChatTemplateKwargs(@Nullable Map<String, Object> chatTemplateKwargs) {
			this.chatTemplateKwargs = chatTemplateKwargs;
		}

		public @Nullable String getAdapters() {
			return this.adapters;
		}

		public void setAdapters(@Nullable String adapters) {
			this.adapters = adapters;
		}

		public @Nullable String getDraftModel() {
			return this.draftModel;
		}

		public void setDraftModel(@Nullable String draftModel) {
			this.draftModel = draftModel;
		}

		public @Nullable Integer getNumDraftTokens() {
			return this.numDraftTokens;
		}

		public void setNumDraftTokens(@Nullable Integer numDraftTokens) {
			this.numDraftTokens = numDraftTokens;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * Longest time /actuator/health waits for the MLX-LM server before reporting it
		 * DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * What the health check proves. "liveness" calls only the server's /health, which
		 * answers ok while a model loads, after a failed load and while the generation
		 * thread is dead. "generation" also asks for a 1-token completion with the
		 * configured model (or "default_model", never another id), so a server that
		 * cannot generate reports DOWN; use it for a readiness group.
		 */
		private Probe probe = Probe.LIVENESS;

		/**
		 * How long the result of a "generation" probe is reused, so that frequent polls
		 * do not load the server. Zero probes on every poll.
		 */
		private Duration cacheTtl = Duration.ofSeconds(10);

		public Probe getProbe() {
			return this.probe;
		}

		public void setProbe(Probe probe) {
			this.probe = probe;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

	/**
	 * What the health check proves.
	 */
	public enum Probe {

		/**
		 * Only the server's /health: the process is alive.
		 */
		LIVENESS,

		/**
		 * /health and a 1-token completion: the server can generate.
		 */
		GENERATION

	}

	/**
	 * Shutdown properties.
	 */
	public static class Shutdown {

		/**
		 * Time calls and streams in flight get to finish when the application stops,
		 * before they end with the SHUTDOWN reason (new calls are refused at once). Keep
		 * it below spring.lifecycle.timeout-per-shutdown-phase (30s), so that the web
		 * server can still answer them.
		 */
		private Duration gracePeriod = Duration.ofSeconds(10);

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

	/**
	 * Retry settings. Only a connection that failed before any request byte was sent
	 * (refused, or not established within the connect timeout) is retried: a request the
	 * server may have started (a POST once sent, a stream after its first byte) and any
	 * HTTP error status are never retried.
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts per request, the first one included. 1 disables
		 * retries. Health and model-listing calls retry only within mlxlm.health.timeout.
		 * Not used with an lb:// base URL: mlxlm.fleet.max-attempts tries other servers.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry, doubled for each further one.
		 */
		private Duration backoff = Duration.ofMillis(200);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

	}

}

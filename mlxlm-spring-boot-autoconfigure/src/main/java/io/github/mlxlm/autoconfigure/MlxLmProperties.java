package io.github.mlxlm.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for the connection to an MLX-LM server ({@code mlx_lm.server}).
 * <p>
 * Setters reject invalid values at binding time with an {@link InvalidMlxLmPropertyException}
 * so that start-up fails with a message that names the property, the bad value and the fix.
 *
 * @author mlxlm developers
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
	 * Longest silence allowed on an open connection. A non-streaming answer is silent
	 * until the whole generation ends, so keep this longer than your longest answer
	 * takes. Streams are never cut by a total-call timeout.
	 */
	private Duration readTimeout = Duration.ofMinutes(5);

	/**
	 * Whether to check at start-up that the server answers, failing start-up if it does
	 * not. Off by default: nothing calls the network at start-up unless asked.
	 */
	private boolean testConnection;

	/**
	 * Health indicator settings.
	 */
	private final Health health = new Health();

	/**
	 * Retry settings for connections that fail before any request byte is sent.
	 */
	private final Retry retry = new Retry();

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = requireHttpUrl("base-url", baseUrl);
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
		this.connectTimeout = requirePositive("connect-timeout", connectTimeout, "5s");
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = requirePositive("read-timeout", readTimeout, "5m");
	}

	public boolean isTestConnection() {
		return this.testConnection;
	}

	public void setTestConnection(boolean testConnection) {
		this.testConnection = testConnection;
	}

	public Health getHealth() {
		return this.health;
	}

	public Retry getRetry() {
		return this.retry;
	}

	@Override
	public String toString() {
		// The api key is deliberately left out: it must never reach a log line.
		return "MlxLmProperties{baseUrl=" + this.baseUrl + ", model=" + this.model + ", apiKey="
				+ (StringUtils.hasText(this.apiKey) ? "******" : "<none>") + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", testConnection=" + this.testConnection + "}";
	}

	static String requireHttpUrl(String property, @Nullable String value) {
		String action = "Set " + PREFIX + "." + property
				+ " to the absolute http(s) URL of mlx_lm.server's API, for example http://localhost:8080/v1.";
		if (!StringUtils.hasText(value)) {
			throw new InvalidMlxLmPropertyException(property, value, "it must not be blank", action);
		}
		URI uri;
		try {
			uri = URI.create(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMlxLmPropertyException(property, value, "it is not a valid URL", action);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getHost() == null) {
			throw new InvalidMlxLmPropertyException(property, value, "it is not an absolute http(s) URL", action);
		}
		return value.strip();
	}

	static Duration requirePositive(String property, @Nullable Duration value, String example) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidMlxLmPropertyException(property, value, "it must be a positive duration",
					"Set " + PREFIX + "." + property + " to a positive duration, for example " + example + ".");
		}
		return value;
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
			this.timeout = requirePositive("health.timeout", timeout, "2s");
		}

		/**
		 * What the health check proves. "liveness" calls only the server's /health, which
		 * answers ok while a model loads, after a failed load and while the generation
		 * thread is dead. "generation" also asks for a 1-token completion with the
		 * configured model (or "default_model", never another id), so a server that cannot
		 * generate reports DOWN; use it for a readiness group.
		 */
		private Probe probe = Probe.LIVENESS;

		/**
		 * How long the result of a "generation" probe is reused, so that frequent polls do
		 * not load the server. Zero probes on every poll.
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
			if (cacheTtl == null || cacheTtl.isNegative()) {
				throw new InvalidMlxLmPropertyException("health.cache-ttl", cacheTtl, "it must not be negative",
						"Set " + PREFIX + ".health.cache-ttl to a duration of zero or more, for example 10s.");
			}
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
	 * Retry settings. Only a connection that failed before any request byte was sent
	 * (refused, or not established within the connect timeout) is retried: a request the
	 * server may have started (a POST once sent, a stream after its first byte) and any
	 * HTTP error status are never retried.
	 */
	public static class Retry {

		/**
		 * Maximum number of attempts per request, the first one included. 1 disables
		 * retries. Health and model-listing calls retry only within mlxlm.health.timeout.
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
			if (maxAttempts < 1 || maxAttempts > 10) {
				throw new InvalidMlxLmPropertyException("retry.max-attempts", maxAttempts,
						"it must be between 1 and 10",
						"Set " + PREFIX + ".retry.max-attempts to 1 (no retry) or a small number such as 3.");
			}
			this.maxAttempts = maxAttempts;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = requirePositive("retry.backoff", backoff, "200ms");
		}

	}

}

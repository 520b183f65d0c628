package io.github.mlxlm.health;

import java.time.Duration;
import java.util.Map;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmServerIdentity;
import io.github.mlxlm.client.MlxLmServerStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link ReactiveHealthIndicator} for an MLX-LM server.
 * <p>
 * UP when the server's {@code /health} answers 200, with the details {@code baseUrl},
 * {@code providerType}, {@code status}, {@code model} (when one can be named),
 * {@code modelGuessed} and {@code availableModels}, and {@code serverVersion} and
 * {@code mlxVersion} once a completion reply told them ({@code system_fingerprint}). DOWN with {@code baseUrl},
 * {@code providerType} and an {@code error} naming the URL when the server is unreachable, too
 * slow, or answers with an error status. The whole check, model listing included, ends within
 * the given timeout.
 * <p>
 * UP means the process is alive, not that a model is ready: the server answers {@code /health}
 * while a model loads and after a model failed to load.
 *
 * @author MLX-LM starter contributors
 */
public class MlxLmHealthIndicator extends AbstractReactiveHealthIndicator {

	private final MlxLmClient client;

	private final Duration timeout;

	/**
	 * Create a new indicator.
	 * @param client the client to check the server with
	 * @param timeout the longest the whole check may take
	 */
	public MlxLmHealthIndicator(MlxLmClient client, Duration timeout) {
		super("MLX-LM health check failed");
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.client.status(this.timeout).map((status) -> health(builder, status));
	}

	private Health health(Health.Builder builder, MlxLmServerStatus status) {
		builder.withDetail("baseUrl", status.baseUrl()).withDetail("providerType", status.providerType());
		if (!status.connected()) {
			builder.down();
			if (status.error() != null) {
				builder.withDetail("error", status.error());
			}
			return builder.build();
		}
		builder.up();
		Map<String, Object> metadata = status.metadata();
		putIfPresent(builder, "status", metadata.get("status"));
		putIfPresent(builder, "model", status.modelId());
		putIfPresent(builder, "modelGuessed", metadata.get("modelGuessed"));
		putIfPresent(builder, "availableModels", metadata.get("availableModels"));
		MlxLmServerIdentity identity = this.client.serverIdentity();
		if (identity != null) {
			builder.withDetail("serverVersion", identity.serverVersion()).withDetail("mlxVersion", identity.mlxVersion());
		}
		// Alive but the listing failed: still UP (the process answers), and the reason is shown.
		putIfPresent(builder, "error", status.error());
		return builder.build();
	}

	private static void putIfPresent(Health.Builder builder, String key, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(key, value);
		}
	}

}

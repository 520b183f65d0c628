package io.github.mlxlm.autoconfigure;

import java.time.Duration;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.client.MlxLmServerStatus;

import org.springframework.beans.factory.InitializingBean;

/**
 * Checks at start-up that the MLX-LM server answers {@code /health}, failing start-up
 * with an {@link MlxLmConnectionCheckException} if it does not.
 *
 * @author mlxlm developers
 */
public class MlxLmConnectionValidator implements InitializingBean {

	private final MlxLmClient client;

	private final Duration timeout;

	/**
	 * Create a validator.
	 * @param client the client to check with
	 * @param timeout the longest time to wait for the server
	 */
	public MlxLmConnectionValidator(MlxLmClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public void afterPropertiesSet() {
		validateConnection();
	}

	/**
	 * Check the server now.
	 * @throws MlxLmConnectionCheckException if the server does not answer
	 */
	public void validateConnection() {
		// Blocking is fine here: this runs once, on the start-up thread, and only on
		// request.
		MlxLmServerStatus status = this.client.status(this.timeout).block();
		if (status == null || !status.connected()) {
			String baseUrl = this.client.endpoint().baseUrl().toString();
			String error = (status != null && status.error() != null) ? status.error() : "no answer";
			throw new MlxLmConnectionCheckException(baseUrl, error);
		}
	}

}

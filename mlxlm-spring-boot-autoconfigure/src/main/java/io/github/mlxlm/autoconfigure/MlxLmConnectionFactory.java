package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmEndpoint;

/**
 * Builds the one {@link MlxLmConnection} of the application from the properties and the
 * connection details, after checking every property.
 *
 * @author mlxlm developers
 */
final class MlxLmConnectionFactory {

	private MlxLmConnectionFactory() {
	}

	static MlxLmConnection create(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails) {
		String baseUrl = connectionDetails.getBaseUrl();
		MlxLmPropertiesValidator.validate(properties, baseUrl);
		return new MlxLmConnection(MlxLmEndpoint.of(baseUrl), connectionDetails.getApiKey(), properties.getModel(),
				properties.getConnectTimeout(), properties.getReadTimeout(), properties.getRetry().getMaxAttempts(),
				properties.getRetry().getBackoff(), properties.getMaxReplySize().toBytes());
	}

}

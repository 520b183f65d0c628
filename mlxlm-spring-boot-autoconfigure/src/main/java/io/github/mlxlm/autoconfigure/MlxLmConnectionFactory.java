package io.github.mlxlm.autoconfigure;

import io.github.mlxlm.api.MlxLmConnection;
import io.github.mlxlm.api.MlxLmEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Builds the one {@link MlxLmConnection} of the application from the properties and the
 * connection details, after checking every property.
 * <p>
 * With a load-balanced base URL ({@code lb://service-id/v1}) the connection tries each
 * call once: the fleet's failover filter owns the retry of connections that could not be
 * opened ({@code mlxlm.fleet.max-attempts}, each try on another server), and a second
 * retry around it would multiply the tries (and try a refused server again).
 *
 * @author mlxlm developers
 */
final class MlxLmConnectionFactory {

	private static final Log logger = LogFactory.getLog(MlxLmConnectionFactory.class);

	private MlxLmConnectionFactory() {
	}

	static MlxLmConnection create(MlxLmProperties properties, MlxLmConnectionDetails connectionDetails) {
		String baseUrl = connectionDetails.getBaseUrl();
		MlxLmPropertiesValidator.validate(properties, baseUrl);
		MlxLmEndpoint endpoint = MlxLmEndpoint.of(baseUrl);
		int maxAttempts = properties.getRetry().getMaxAttempts();
		if (endpoint.isLoadBalanced()) {
			if (maxAttempts > 1 && logger.isDebugEnabled()) {
				logger.debug("mlxlm.retry.max-attempts=" + maxAttempts + " is not used with the load-balanced base URL "
						+ endpoint.baseUrl() + ": each call is tried once, and a server that refuses the connection is"
						+ " left for the next one (mlxlm.fleet.max-attempts)");
			}
			maxAttempts = 1;
		}
		return new MlxLmConnection(endpoint, connectionDetails.getApiKey(), properties.getModel(),
				properties.getConnectTimeout(), properties.getReadTimeout(), maxAttempts,
				properties.getRetry().getBackoff(), properties.getMaxReplySize().toBytes());
	}

}

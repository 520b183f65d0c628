package io.github.mlxlm.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@link MlxLmConnectionDetails} backed by {@link MlxLmProperties}.
 *
 * @author mlxlm developers
 */
class PropertiesMlxLmConnectionDetails implements MlxLmConnectionDetails {

	private final MlxLmProperties properties;

	PropertiesMlxLmConnectionDetails(MlxLmProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		return this.properties.getApiKey();
	}

	@Override
	public String toString() {
		return "PropertiesMlxLmConnectionDetails[baseUrl=" + getBaseUrl() + "]";
	}

}

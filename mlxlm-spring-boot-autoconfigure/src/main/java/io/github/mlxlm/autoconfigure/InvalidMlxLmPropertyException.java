package io.github.mlxlm.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an {@code mlxlm.*} property has a value the starter cannot use. Turned into
 * a start-up report by {@link InvalidMlxLmPropertyFailureAnalyzer}.
 *
 * @author mlxlm developers
 */
public class InvalidMlxLmPropertyException extends IllegalArgumentException {

	private final String property;

	private final @Nullable Object value;

	private final String action;

	InvalidMlxLmPropertyException(String property, @Nullable Object value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + MlxLmProperties.PREFIX + "." + property + "': "
				+ reason);
		this.property = MlxLmProperties.PREFIX + "." + property;
		this.value = value;
		this.action = action;
	}

	/**
	 * Return the full name of the invalid property, such as {@code mlxlm.base-url}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the rejected value.
	 * @return the value, or {@code null} if none was given
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return what to set instead.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

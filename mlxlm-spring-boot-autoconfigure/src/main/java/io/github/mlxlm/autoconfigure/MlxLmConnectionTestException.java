package io.github.mlxlm.autoconfigure;

/**
 * Thrown at start-up when {@code mlxlm.test-connection=true} and the MLX-LM server does
 * not answer.
 *
 * @author mlxlm developers
 */
public class MlxLmConnectionTestException extends RuntimeException {

	private final String baseUrl;

	MlxLmConnectionTestException(String baseUrl, String error) {
		super("MLX-LM server at " + baseUrl + " did not answer: " + error);
		this.baseUrl = baseUrl;
	}

	/**
	 * Return the base URL that was checked.
	 * @return the base URL
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

}

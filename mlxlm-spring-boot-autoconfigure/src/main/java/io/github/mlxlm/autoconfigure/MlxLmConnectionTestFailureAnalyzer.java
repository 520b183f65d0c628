package io.github.mlxlm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a failed {@code mlxlm.test-connection} start-up check.
 *
 * @author mlxlm developers
 */
class MlxLmConnectionTestFailureAnalyzer extends AbstractFailureAnalyzer<MlxLmConnectionTestException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MlxLmConnectionTestException cause) {
		return new FailureAnalysis("The MLX-LM connection check failed: " + cause.getMessage(),
				"Start mlx_lm.server (for example 'mlx_lm.server --model mlx-community/Qwen3-4B-Instruct-2507-4bit'),"
						+ " or set mlxlm.base-url to the URL where it listens (currently " + cause.getBaseUrl()
						+ "), or set mlxlm.test-connection=false to start without checking.",
				cause);
	}

}

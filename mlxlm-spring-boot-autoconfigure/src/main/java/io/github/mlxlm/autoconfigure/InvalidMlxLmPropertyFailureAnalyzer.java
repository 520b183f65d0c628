package io.github.mlxlm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports every invalid {@code mlxlm.*} property at start-up, each with its value and the
 * fix. Ordered first so that it explains the failure before Boot's generic analyzers do.
 *
 * @author mlxlm developers
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidMlxLmPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMlxLmPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMlxLmPropertyException cause) {
		int count = cause.getProblems().size();
		String description = ((count == 1) ? "An MLX-LM property is invalid:\n"
				: count + " MLX-LM properties are invalid:\n") + cause.getMessage();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}

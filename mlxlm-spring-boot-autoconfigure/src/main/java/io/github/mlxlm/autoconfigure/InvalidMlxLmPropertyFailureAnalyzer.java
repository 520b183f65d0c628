package io.github.mlxlm.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an invalid {@code mlxlm.*} property at start-up. Ordered first so that it
 * explains the failure before Boot's generic bind failure analyzer does.
 *
 * @author mlxlm developers
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidMlxLmPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMlxLmPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMlxLmPropertyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
	}

}

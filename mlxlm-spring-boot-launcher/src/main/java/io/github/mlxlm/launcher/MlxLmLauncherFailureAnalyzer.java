package io.github.mlxlm.launcher;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link MlxLmLauncherException} with what went wrong and how to fix it.
 *
 * @author mlxlm developers
 */
class MlxLmLauncherFailureAnalyzer extends AbstractFailureAnalyzer<MlxLmLauncherException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MlxLmLauncherException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}

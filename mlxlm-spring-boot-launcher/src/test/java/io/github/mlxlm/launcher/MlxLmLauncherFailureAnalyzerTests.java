package io.github.mlxlm.launcher;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmLauncherFailureAnalyzer}.
 *
 * @author mlxlm developers
 */
class MlxLmLauncherFailureAnalyzerTests {

	private final MlxLmLauncherFailureAnalyzer analyzer = new MlxLmLauncherFailureAnalyzer();

	@Test
	void anExitDuringStartUpShowsTheCommandTheExitCodeAndTheLastLines() {
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("wrapped", MlxLmLauncherException
			.exited(List.of("mlx_lm.server", "--model", "m"), 1, List.of("Traceback", "OSError: no model"))));
		assertThat(analysis.getDescription()).contains("exited with code 1")
			.contains("command: mlx_lm.server --model m")
			.contains("    OSError: no model");
		assertThat(analysis.getAction()).contains("logger mlx_lm.server");
	}

	@Test
	void theReadinessTimeoutNamesTheLastProgress() {
		FailureAnalysis analysis = this.analyzer
			.analyze(MlxLmLauncherException.readinessTimeout("m", "http://127.0.0.1:1/v1", Duration.ofMinutes(10),
					"the model's download to finish", "model.safetensors 40% (0.9G of 2.26G)"));
		assertThat(analysis.getDescription()).contains("last progress: model.safetensors 40%");
		assertThat(analysis.getAction()).contains("mlxlm.launcher.readiness.timeout");
	}

	@Test
	void aLoadBalancedUrlIsShownMasked() {
		FailureAnalysis analysis = this.analyzer
			.analyze(MlxLmLauncherException.loadBalanced("lb://user:secret@mlx/v1"));
		assertThat(analysis.getDescription()).doesNotContain("secret");
	}

}

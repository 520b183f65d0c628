/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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

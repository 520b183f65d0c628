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

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

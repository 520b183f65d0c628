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

package io.github.mlxlm.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The one place where chat option values are checked against what mlx_lm.server accepts
 * (it drops the connection, without a reply, on a value out of these ranges). Used for
 * every request and, at start-up, for the {@code mlxlm.chat.*} defaults.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmChatOptionsCheck {

	/**
	 * The ceiling of a request's max tokens when no default max tokens is set.
	 */
	public static final int DEFAULT_MAX_TOKENS_CEILING = 32768;

	/**
	 * The largest magnitude of an unbounded option: a finite value beyond it (such as
	 * 1e308) means nothing to sampling and overflows the server's 32-bit arithmetic.
	 */
	private static final double LARGEST = 1_000_000;

	/** The smallest non-zero value of an option the server divides by. */
	private static final double SMALLEST = 0.000001;

	private MlxLmChatOptionsCheck() {
	}

	/**
	 * Return the ceiling of a request's max tokens: four times the default max tokens, or
	 * {@value #DEFAULT_MAX_TOKENS_CEILING} without a default.
	 * @param defaultMaxTokens the default max tokens, or {@code null}
	 * @return the ceiling
	 */
	public static int ceiling(@Nullable Integer defaultMaxTokens) {
		return (defaultMaxTokens != null && defaultMaxTokens > 0)
				? (int) Math.min(Integer.MAX_VALUE, 4L * defaultMaxTokens) : DEFAULT_MAX_TOKENS_CEILING;
	}

	/**
	 * Check every option that has a range.
	 * @param options the options
	 * @param maxTokensCeiling the largest max tokens allowed
	 * @return what is wrong, in field order; empty when all is fine
	 */
	public static List<Violation> check(MlxLmChatOptions options, int maxTokensCeiling) {
		List<Violation> violations = new ArrayList<>();
		Integer maxTokens = options.getMaxTokens();
		if (maxTokens != null && (maxTokens < 1 || maxTokens > maxTokensCeiling)) {
			violations.add(new Violation("maxTokens", maxTokens, "a whole number from 1 to " + maxTokensCeiling));
		}
		// The server divides by these two: a tiny value overflows to infinity there.
		zeroOrBetween(violations, "temperature", options.getTemperature());
		between(violations, "topP", options.getTopP(), 0, 1);
		atLeast(violations, "topK", options.getTopK());
		between(violations, "minP", options.getMinP(), 0, 1);
		zeroOrBetween(violations, "repetitionPenalty", options.getRepetitionPenalty());
		atLeast(violations, "repetitionContextSize", options.getRepetitionContextSize());
		between(violations, "presencePenalty", options.getPresencePenalty(), -LARGEST, LARGEST);
		between(violations, "frequencyPenalty", options.getFrequencyPenalty(), -LARGEST, LARGEST);
		between(violations, "xtcProbability", options.getXtcProbability(), 0, 1);
		between(violations, "xtcThreshold", options.getXtcThreshold(), 0, 1);
		atLeast(violations, "numDraftTokens", options.getNumDraftTokens());
		Map<String, Double> logitBias = options.getLogitBias();
		if (logitBias != null) {
			logitBias.forEach((token, bias) -> {
				if (!token.strip().matches("-?\\d+")) {
					violations.add(new Violation("logitBias", token, "a map keyed by token ids (whole numbers)"));
				}
				between(violations, "logitBias[" + token + "]", bias, -LARGEST, LARGEST);
			});
		}
		return violations;
	}

	private static void atLeast(List<Violation> violations, String field, @Nullable Integer value) {
		if (value != null && value < 0) {
			violations.add(new Violation(field, value, "a whole number of at least 0"));
		}
	}

	private static void zeroOrBetween(List<Violation> violations, String field, @Nullable Double value) {
		if (value != null && !(value == 0 || (value >= SMALLEST && value <= LARGEST))) {
			violations
				.add(new Violation(field, value, "0, or a number from " + format(SMALLEST) + " to " + format(LARGEST)));
		}
	}

	private static void between(List<Violation> violations, String field, @Nullable Double value, double min,
			double max) {
		// NaN fails every comparison; subnormals inside a range are harmless there.
		if (value != null && !(value >= min && value <= max)) {
			violations.add(new Violation(field, value, "a number from " + format(min) + " to " + format(max)));
		}
	}

	private static String format(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/**
	 * An option out of range.
	 *
	 * @param field the option, such as {@code maxTokens}
	 * @param value the value given
	 * @param expected what it must be, a noun phrase such as {@code a number from 0 to 1}
	 */
	public record Violation(String field, Object value, String expected) {
	}

}

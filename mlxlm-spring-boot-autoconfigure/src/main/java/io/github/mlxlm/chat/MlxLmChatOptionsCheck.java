package io.github.mlxlm.chat;

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
 */
public final class MlxLmChatOptionsCheck {

	/**
	 * The ceiling of a request's max tokens when no default max tokens is set.
	 */
	public static final int DEFAULT_MAX_TOKENS_CEILING = 32768;

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
			violations.add(new Violation("maxTokens", maxTokens, "from 1 to " + maxTokensCeiling));
		}
		atLeast(violations, "temperature", options.getTemperature(), 0);
		between(violations, "topP", options.getTopP(), 0, 1);
		atLeast(violations, "topK", options.getTopK(), 0);
		between(violations, "minP", options.getMinP(), 0, 1);
		atLeast(violations, "repetitionPenalty", options.getRepetitionPenalty(), 0);
		atLeast(violations, "repetitionContextSize", options.getRepetitionContextSize(), 0);
		finite(violations, "presencePenalty", options.getPresencePenalty());
		finite(violations, "frequencyPenalty", options.getFrequencyPenalty());
		between(violations, "xtcProbability", options.getXtcProbability(), 0, 1);
		between(violations, "xtcThreshold", options.getXtcThreshold(), 0, 1);
		atLeast(violations, "numDraftTokens", options.getNumDraftTokens(), 0);
		Map<String, Double> logitBias = options.getLogitBias();
		if (logitBias != null) {
			logitBias.forEach((token, bias) -> {
				if (!token.strip().matches("-?\\d+")) {
					violations.add(new Violation("logitBias", token, "keyed by token ids (integers)"));
				}
				finite(violations, "logitBias[" + token + "]", bias);
			});
		}
		return violations;
	}

	private static void atLeast(List<Violation> violations, String field, @Nullable Number value, double min) {
		if (value != null && !(Double.isFinite(value.doubleValue()) && value.doubleValue() >= min)) {
			violations.add(new Violation(field, value, "a finite number of at least " + format(min)));
		}
	}

	private static void between(List<Violation> violations, String field, @Nullable Double value, double min,
			double max) {
		if (value != null && !(Double.isFinite(value) && value >= min && value <= max)) {
			violations.add(new Violation(field, value, "from " + format(min) + " to " + format(max)));
		}
	}

	private static void finite(List<Violation> violations, String field, @Nullable Double value) {
		if (value != null && !Double.isFinite(value)) {
			violations.add(new Violation(field, value, "a finite number"));
		}
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

	/**
	 * An option out of range.
	 *
	 * @param field the option, such as {@code maxTokens}
	 * @param value the value given
	 * @param expected what it must be, such as {@code from 0 to 1}
	 */
	public record Violation(String field, Object value, String expected) {
	}

}

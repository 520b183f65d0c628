package io.github.mlxlm.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Options of a text completion, with the sampling knobs only MLX has. Unset values are
 * not sent (the server's default applies); values go on the wire with exact JSON types
 * (integers as integers, floats as floats: the server rejects
 * {@code "xtc_threshold": 0}).
 *
 * @author mlxlm developers
 */
public final class MlxLmCompletionOptions {

	private final Map<String, Object> fields;

	private final @Nullable String model;

	private MlxLmCompletionOptions(Builder builder) {
		this.fields = new LinkedHashMap<>(builder.fields);
		this.model = builder.model;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return options that set nothing.
	 * @return empty options
	 */
	public static MlxLmCompletionOptions defaults() {
		return builder().build();
	}

	/**
	 * Return the model id to send instead of the client's, or {@code null}.
	 * @return the model id, or {@code null}
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the request fields these options set, keyed by JSON name, with exact types.
	 * @return the fields
	 */
	public Map<String, Object> toJson() {
		return new LinkedHashMap<>(this.fields);
	}

	@Override
	public String toString() {
		return "MlxLmCompletionOptions" + this.fields;
	}

	/**
	 * Builds {@link MlxLmCompletionOptions}.
	 */
	public static final class Builder {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private @Nullable String model;

		private Builder() {
		}

		private Builder put(String key, @Nullable Object value) {
			if (value == null) {
				this.fields.remove(key);
			}
			else {
				this.fields.put(key, value);
			}
			return this;
		}

		/**
		 * Send this model id exactly as given instead of the client's configured model.
		 * Any id other than the server's own makes it load that model.
		 * @param model the model id, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * @param maxTokens maximum tokens to generate (server default 512)
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			return put("max_tokens", maxTokens);
		}

		/**
		 * @param temperature sampling temperature
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			return put("temperature", temperature);
		}

		/**
		 * @param topP nucleus sampling probability
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			return put("top_p", topP);
		}

		/**
		 * @param topK MLX only: sample among this many top tokens
		 * @return this builder
		 */
		public Builder topK(@Nullable Integer topK) {
			return put("top_k", topK);
		}

		/**
		 * @param minP MLX only: minimum probability relative to the top token @return
		 * this builder
		 */
		public Builder minP(@Nullable Double minP) {
			return put("min_p", minP);
		}

		/**
		 * @param stop sequences that end the text
		 * @return this builder
		 */
		public Builder stop(@Nullable List<String> stop) {
			return put("stop", (stop != null) ? List.copyOf(stop) : null);
		}

		/**
		 * @param seed random seed
		 * @return this builder
		 */
		public Builder seed(@Nullable Integer seed) {
			return put("seed", seed);
		}

		/**
		 * @param repetitionPenalty MLX only: repetition penalty
		 * @return this builder
		 */
		public Builder repetitionPenalty(@Nullable Double repetitionPenalty) {
			return put("repetition_penalty", repetitionPenalty);
		}

		/**
		 * @param repetitionContextSize MLX only: tokens the penalty looks at
		 * @return this builder
		 */
		public Builder repetitionContextSize(@Nullable Integer repetitionContextSize) {
			return put("repetition_context_size", repetitionContextSize);
		}

		/**
		 * @param presencePenalty presence penalty
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			return put("presence_penalty", presencePenalty);
		}

		/**
		 * @param frequencyPenalty frequency penalty
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			return put("frequency_penalty", frequencyPenalty);
		}

		/**
		 * @param xtcProbability MLX only: XTC probability, sent as a float
		 * @return this builder
		 */
		public Builder xtcProbability(@Nullable Double xtcProbability) {
			return put("xtc_probability", xtcProbability);
		}

		/**
		 * @param xtcThreshold MLX only: XTC threshold, sent as a float
		 * @return this builder
		 */
		public Builder xtcThreshold(@Nullable Double xtcThreshold) {
			return put("xtc_threshold", xtcThreshold);
		}

		/**
		 * @param logitBias bias per token id
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Double> logitBias) {
			return put("logit_bias", (logitBias != null) ? new LinkedHashMap<>(logitBias) : null);
		}

		/**
		 * @param adapters MLX only: LoRA adapter path
		 * @return this builder
		 */
		public Builder adapters(@Nullable String adapters) {
			return put("adapters", adapters);
		}

		/**
		 * @param draftModel MLX only: draft model for speculative decoding
		 * @return this builder
		 */
		public Builder draftModel(@Nullable String draftModel) {
			return put("draft_model", draftModel);
		}

		/**
		 * @param numDraftTokens MLX only: tokens drafted per step
		 * @return this builder
		 */
		public Builder numDraftTokens(@Nullable Integer numDraftTokens) {
			return put("num_draft_tokens", numDraftTokens);
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public MlxLmCompletionOptions build() {
			return new MlxLmCompletionOptions(this);
		}

	}

}

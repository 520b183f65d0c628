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
 * @since 0.1.0
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
		 * Set the maximum tokens to generate (server default 512).
		 * @param maxTokens the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			return put("max_tokens", maxTokens);
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			return put("temperature", temperature);
		}

		/**
		 * Set the nucleus sampling probability.
		 * @param topP the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			return put("top_p", topP);
		}

		/**
		 * Set how many of the most likely tokens to sample among (MLX only).
		 * @param topK the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder topK(@Nullable Integer topK) {
			return put("top_k", topK);
		}

		/**
		 * Set the minimum probability relative to the top token (MLX only).
		 * @param minP the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder minP(@Nullable Double minP) {
			return put("min_p", minP);
		}

		/**
		 * Set the sequences that end the text.
		 * @param stop the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder stop(@Nullable List<String> stop) {
			return put("stop", (stop != null) ? List.copyOf(stop) : null);
		}

		/**
		 * Set the random seed.
		 * @param seed the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder seed(@Nullable Integer seed) {
			return put("seed", seed);
		}

		/**
		 * Set the repetition penalty (MLX only).
		 * @param repetitionPenalty the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder repetitionPenalty(@Nullable Double repetitionPenalty) {
			return put("repetition_penalty", repetitionPenalty);
		}

		/**
		 * Set the tokens the penalty looks at (MLX only).
		 * @param repetitionContextSize the value, or {@code null} to leave it to the
		 * server
		 * @return this builder
		 */
		public Builder repetitionContextSize(@Nullable Integer repetitionContextSize) {
			return put("repetition_context_size", repetitionContextSize);
		}

		/**
		 * Set the presence penalty.
		 * @param presencePenalty the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			return put("presence_penalty", presencePenalty);
		}

		/**
		 * Set the frequency penalty.
		 * @param frequencyPenalty the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			return put("frequency_penalty", frequencyPenalty);
		}

		/**
		 * Set the XTC probability, sent as a float (MLX only).
		 * @param xtcProbability the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder xtcProbability(@Nullable Double xtcProbability) {
			return put("xtc_probability", xtcProbability);
		}

		/**
		 * Set the XTC threshold, sent as a float (MLX only).
		 * @param xtcThreshold the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder xtcThreshold(@Nullable Double xtcThreshold) {
			return put("xtc_threshold", xtcThreshold);
		}

		/**
		 * Set the logit bias per token id.
		 * @param logitBias the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Double> logitBias) {
			return put("logit_bias", (logitBias != null) ? new LinkedHashMap<>(logitBias) : null);
		}

		/**
		 * Set the LoRA adapter path (MLX only).
		 * @param adapters the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder adapters(@Nullable String adapters) {
			return put("adapters", adapters);
		}

		/**
		 * Set the draft model for speculative decoding (MLX only).
		 * @param draftModel the value, or {@code null} to leave it to the server
		 * @return this builder
		 */
		public Builder draftModel(@Nullable String draftModel) {
			return put("draft_model", draftModel);
		}

		/**
		 * Set the tokens drafted per step (MLX only).
		 * @param numDraftTokens the value, or {@code null} to leave it to the server
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

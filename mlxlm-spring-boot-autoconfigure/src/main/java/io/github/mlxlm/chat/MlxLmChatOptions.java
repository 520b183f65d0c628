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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptionsBuilder;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.util.ClassUtils;

/**
 * Chat options for mlx_lm.server, including the sampling knobs only MLX has.
 * <p>
 * Use them as defaults ({@code mlxlm.chat.*}), with {@code ChatClient...options(...)} or
 * with {@code chatModel.call(new Prompt(messages, options))}: {@link MlxLmChatModel}
 * merges a request's options over its defaults in both cases (a value set on the request
 * wins; a list such as {@code stop} replaces the default list; maps are merged key by
 * key). Unset values are not sent, so the server's own defaults apply.
 * <p>
 * MLX-only values go on the wire with exact JSON types: integers as JSON integers and
 * floats as JSON floats (the server rejects {@code "xtc_threshold": 0}, accepts
 * {@code 0.0}).
 * <p>
 * {@link #getOutputSchema() Output schemas} (native structured output) are accepted here
 * only so that a request asking for one can be refused with a clear error: the server
 * ignores {@code response_format}.
 * <p>
 * The {@link #getConversationId() conversation id} is never sent: it names the
 * conversation for a load balancer in front of several servers ({@code lb://}), which
 * keeps its turns on the server whose prompt cache holds them.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

	// Spring AI's OpenAI module is optional: its options are read only when it is
	// present.
	private static final boolean OPEN_AI_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.openai.OpenAiChatOptions", MlxLmChatOptions.class.getClassLoader());

	private final @Nullable String model;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double temperature;

	private final @Nullable Double topP;

	private final @Nullable Integer topK;

	private final @Nullable Double minP;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Integer seed;

	private final @Nullable Double repetitionPenalty;

	private final @Nullable Integer repetitionContextSize;

	private final @Nullable Double presencePenalty;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Double xtcProbability;

	private final @Nullable Double xtcThreshold;

	private final @Nullable Map<String, Double> logitBias;

	private final @Nullable Boolean enableThinking;

	private final @Nullable Map<String, Object> chatTemplateKwargs;

	private final @Nullable String adapters;

	private final @Nullable String draftModel;

	private final @Nullable Integer numDraftTokens;

	private final @Nullable List<ToolCallback> toolCallbacks;

	private final @Nullable Map<String, Object> toolContext;

	private final @Nullable String outputSchema;

	private final boolean responseFormatRequested;

	private final @Nullable String conversationId;

	private MlxLmChatOptions(Builder b) {
		this.model = b.inherited().getModel();
		this.maxTokens = b.inherited().getMaxTokens();
		this.temperature = b.inherited().getTemperature();
		this.topP = b.inherited().getTopP();
		this.topK = b.inherited().getTopK();
		this.minP = b.minP;
		this.stopSequences = b.inherited().getStopSequences();
		this.seed = b.seed;
		this.repetitionPenalty = b.repetitionPenalty;
		this.repetitionContextSize = b.repetitionContextSize;
		this.presencePenalty = b.inherited().getPresencePenalty();
		this.frequencyPenalty = b.inherited().getFrequencyPenalty();
		this.xtcProbability = b.xtcProbability;
		this.xtcThreshold = b.xtcThreshold;
		this.logitBias = (b.logitBias != null) ? Map.copyOf(b.logitBias) : null;
		this.enableThinking = b.enableThinking;
		this.chatTemplateKwargs = (b.chatTemplateKwargs != null)
				? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.chatTemplateKwargs)) : null;
		this.adapters = b.adapters;
		this.draftModel = b.draftModel;
		this.numDraftTokens = b.numDraftTokens;
		this.toolCallbacks = b.inherited().getToolCallbacks();
		this.toolContext = b.inherited().getToolContext();
		this.outputSchema = b.outputSchema;
		this.responseFormatRequested = b.responseFormatRequested;
		this.conversationId = b.conversationId;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Merge {@code request} over {@code defaults}: every value the request sets wins,
	 * lists replace, maps merge key by key. Merging the same request twice gives the same
	 * result, so options that were already merged (by {@code ChatClient}) merge cleanly
	 * again.
	 * @param defaults the defaults
	 * @param request the request's options, of any {@link ChatOptions} type, or
	 * {@code null}
	 * @return the merged options
	 */
	public static MlxLmChatOptions merge(MlxLmChatOptions defaults, @Nullable ChatOptions request) {
		if (request == null) {
			return defaults;
		}
		return defaults.mutate().combineWith(toBuilder(request)).build();
	}

	static ChatOptions.Builder<?> toBuilder(ChatOptions options) {
		if (options instanceof MlxLmChatOptions mlx) {
			return mlx.mutate();
		}
		Builder builder = builder().model(options.getModel())
			.maxTokens(options.getMaxTokens())
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.stopSequences(options.getStopSequences())
			.presencePenalty(options.getPresencePenalty())
			.frequencyPenalty(options.getFrequencyPenalty());
		if (options instanceof ToolCallingChatOptions tools) {
			builder.toolCallbacks(tools.getToolCallbacks());
			builder.toolContext(tools.getToolContext());
		}
		if (options instanceof StructuredOutputChatOptions structured) {
			builder.outputSchema(structured.getOutputSchema());
		}
		if (OPEN_AI_PRESENT) {
			OpenAiChatOptionsReader.read(options, builder);
		}
		return builder;
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	public @Nullable Double getMinP() {
		return this.minP;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	public @Nullable Integer getSeed() {
		return this.seed;
	}

	public @Nullable Double getRepetitionPenalty() {
		return this.repetitionPenalty;
	}

	public @Nullable Integer getRepetitionContextSize() {
		return this.repetitionContextSize;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	public @Nullable Double getXtcProbability() {
		return this.xtcProbability;
	}

	public @Nullable Double getXtcThreshold() {
		return this.xtcThreshold;
	}

	public @Nullable Map<String, Double> getLogitBias() {
		return this.logitBias;
	}

	public @Nullable Boolean getEnableThinking() {
		return this.enableThinking;
	}

	public @Nullable Map<String, Object> getChatTemplateKwargs() {
		return this.chatTemplateKwargs;
	}

	public @Nullable String getAdapters() {
		return this.adapters;
	}

	public @Nullable String getDraftModel() {
		return this.draftModel;
	}

	public @Nullable Integer getNumDraftTokens() {
		return this.numDraftTokens;
	}

	@Override
	public @Nullable List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	@Override
	public @Nullable Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * Return the conversation these options' request belongs to, such as the
	 * {@code ChatMemory.CONVERSATION_ID} of Spring AI's chat memory advisors. Never sent
	 * to the server: a load balancer in front of several servers routes every request of
	 * one conversation to the same server, whose prompt cache holds its earlier turns.
	 * @return the conversation id, or {@code null} (then the conversation is recognised
	 * by the tool context's {@code ChatMemory.CONVERSATION_ID}, else by its system and
	 * first user message)
	 */
	public @Nullable String getConversationId() {
		return this.conversationId;
	}

	/**
	 * Return whether these options ask for a {@code response_format} (an output schema,
	 * or an {@code OpenAiChatOptions} response format), which mlx_lm.server ignores.
	 * @return whether a response format was asked for
	 */
	public boolean isResponseFormatRequested() {
		return this.responseFormatRequested || this.outputSchema != null;
	}

	/**
	 * Return the MLX-specific request fields, keyed by their JSON names, with exact JSON
	 * types; {@code chat_template_kwargs} carries {@code enable_thinking}.
	 * @return the fields to add to the request body; unset values are absent
	 */
	public Map<String, Object> mlxBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		putIfSet(body, "top_k", this.topK);
		putIfSet(body, "min_p", this.minP);
		putIfSet(body, "repetition_penalty", this.repetitionPenalty);
		putIfSet(body, "repetition_context_size", this.repetitionContextSize);
		putIfSet(body, "xtc_probability", this.xtcProbability);
		putIfSet(body, "xtc_threshold", this.xtcThreshold);
		if (this.logitBias != null && !this.logitBias.isEmpty()) {
			body.put("logit_bias", new LinkedHashMap<>(this.logitBias));
		}
		Map<String, Object> kwargs = new LinkedHashMap<>();
		if (this.chatTemplateKwargs != null) {
			kwargs.putAll(this.chatTemplateKwargs);
		}
		if (this.enableThinking != null) {
			kwargs.put("enable_thinking", this.enableThinking);
		}
		if (!kwargs.isEmpty()) {
			body.put("chat_template_kwargs", kwargs);
		}
		putIfSet(body, "adapters", this.adapters);
		putIfSet(body, "draft_model", this.draftModel);
		putIfSet(body, "num_draft_tokens", this.numDraftTokens);
		return body;
	}

	private static void putIfSet(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

	@Override
	public Builder mutate() {
		Builder builder = builder().model(this.model)
			.maxTokens(this.maxTokens)
			.temperature(this.temperature)
			.topP(this.topP)
			.topK(this.topK)
			.minP(this.minP)
			.stopSequences(this.stopSequences)
			.seed(this.seed)
			.repetitionPenalty(this.repetitionPenalty)
			.repetitionContextSize(this.repetitionContextSize)
			.presencePenalty(this.presencePenalty)
			.frequencyPenalty(this.frequencyPenalty)
			.xtcProbability(this.xtcProbability)
			.xtcThreshold(this.xtcThreshold)
			.logitBias(this.logitBias)
			.enableThinking(this.enableThinking)
			.chatTemplateKwargs(this.chatTemplateKwargs)
			.adapters(this.adapters)
			.draftModel(this.draftModel)
			.numDraftTokens(this.numDraftTokens)
			.toolCallbacks(this.toolCallbacks)
			.toolContext(this.toolContext)
			.outputSchema(this.outputSchema)
			.conversationId(this.conversationId);
		builder.responseFormatRequested = this.responseFormatRequested;
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof MlxLmChatOptions that) && mlxBody().equals(that.mlxBody())
				&& Objects.equals(this.model, that.model) && Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topP, that.topP)
				&& Objects.equals(this.stopSequences, that.stopSequences) && Objects.equals(this.seed, that.seed)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.toolCallbacks, that.toolCallbacks)
				&& Objects.equals(this.toolContext, that.toolContext)
				&& Objects.equals(this.outputSchema, that.outputSchema)
				&& this.responseFormatRequested == that.responseFormatRequested
				&& Objects.equals(this.conversationId, that.conversationId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.maxTokens, this.temperature, this.topP, this.topK, this.seed,
				this.conversationId);
	}

	@Override
	public String toString() {
		return "MlxLmChatOptions{model=" + this.model + ", maxTokens=" + this.maxTokens + ", temperature="
				+ this.temperature + ", topP=" + this.topP + ", stop=" + this.stopSequences + ", seed=" + this.seed
				+ ", presencePenalty=" + this.presencePenalty + ", frequencyPenalty=" + this.frequencyPenalty + ", mlx="
				+ mlxBody() + ((this.conversationId != null) ? ", conversationId=" + this.conversationId : "") + "}";
	}

	/**
	 * Builder for {@link MlxLmChatOptions}; also what {@code ChatClient} merges request
	 * options into.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable Double minP;

		private @Nullable Integer seed;

		private @Nullable Double repetitionPenalty;

		private @Nullable Integer repetitionContextSize;

		private @Nullable Double xtcProbability;

		private @Nullable Double xtcThreshold;

		private @Nullable Map<String, Double> logitBias;

		private @Nullable Boolean enableThinking;

		private @Nullable Map<String, Object> chatTemplateKwargs;

		private @Nullable String adapters;

		private @Nullable String draftModel;

		private @Nullable Integer numDraftTokens;

		private @Nullable String outputSchema;

		private boolean responseFormatRequested;

		private @Nullable String conversationId;

		Builder() {
		}

		Builder responseFormatRequested(boolean responseFormatRequested) {
			this.responseFormatRequested = responseFormatRequested;
			return this;
		}

		/**
		 * Set the MLX-only {@code min_p}: tokens less likely than this fraction of the
		 * most likely one are dropped.
		 * @param minP a value from 0.0 to 1.0, or {@code null} for the server's default
		 * @return this builder
		 */
		public Builder minP(@Nullable Double minP) {
			this.minP = minP;
			return this;
		}

		/**
		 * Set the random seed. A request with a seed is served alone (it leaves the
		 * server's batch).
		 * @param seed the seed, or {@code null}
		 * @return this builder
		 */
		public Builder seed(@Nullable Integer seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Set the MLX-only {@code repetition_penalty}.
		 * @param repetitionPenalty a non-negative value (1.0 means none), or {@code null}
		 * @return this builder
		 */
		public Builder repetitionPenalty(@Nullable Double repetitionPenalty) {
			this.repetitionPenalty = repetitionPenalty;
			return this;
		}

		/**
		 * Set the MLX-only {@code repetition_context_size}: how many recent tokens the
		 * repetition penalty looks at.
		 * @param repetitionContextSize a non-negative count, or {@code null}
		 * @return this builder
		 */
		public Builder repetitionContextSize(@Nullable Integer repetitionContextSize) {
			this.repetitionContextSize = repetitionContextSize;
			return this;
		}

		/**
		 * Set the MLX-only {@code xtc_probability} (always sent as a JSON float).
		 * @param xtcProbability a value from 0.0 to 1.0, or {@code null}
		 * @return this builder
		 */
		public Builder xtcProbability(@Nullable Double xtcProbability) {
			this.xtcProbability = xtcProbability;
			return this;
		}

		/**
		 * Set the MLX-only {@code xtc_threshold} (always sent as a JSON float).
		 * @param xtcThreshold a value from 0.0 to 0.5, or {@code null}
		 * @return this builder
		 */
		public Builder xtcThreshold(@Nullable Double xtcThreshold) {
			this.xtcThreshold = xtcThreshold;
			return this;
		}

		/**
		 * Set {@code logit_bias}: a bias added to the logit of each token id.
		 * @param logitBias token id (as a string) to bias, or {@code null}
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Double> logitBias) {
			this.logitBias = (logitBias != null) ? new LinkedHashMap<>(logitBias) : null;
			return this;
		}

		/**
		 * Set whether a thinking model thinks, sent as
		 * {@code chat_template_kwargs.enable_thinking}.
		 * @param enableThinking whether to think, or {@code null} for the template's
		 * default
		 * @return this builder
		 */
		public Builder enableThinking(@Nullable Boolean enableThinking) {
			this.enableThinking = enableThinking;
			return this;
		}

		/**
		 * Set extra variables for the model's chat template
		 * ({@code chat_template_kwargs}).
		 * @param chatTemplateKwargs the variables, or {@code null}
		 * @return this builder
		 */
		public Builder chatTemplateKwargs(@Nullable Map<String, Object> chatTemplateKwargs) {
			this.chatTemplateKwargs = (chatTemplateKwargs != null) ? new LinkedHashMap<>(chatTemplateKwargs) : null;
			return this;
		}

		/**
		 * Set the path of LoRA adapters the server applies ({@code adapters}).
		 * @param adapters the adapter path, or {@code null}
		 * @return this builder
		 */
		public Builder adapters(@Nullable String adapters) {
			this.adapters = adapters;
			return this;
		}

		/**
		 * Set the draft model for speculative decoding ({@code draft_model}).
		 * @param draftModel the draft model id or path, or {@code null}
		 * @return this builder
		 */
		public Builder draftModel(@Nullable String draftModel) {
			this.draftModel = draftModel;
			return this;
		}

		/**
		 * Set how many tokens the draft model proposes per step
		 * ({@code num_draft_tokens}).
		 * @param numDraftTokens a positive count, or {@code null}
		 * @return this builder
		 */
		public Builder numDraftTokens(@Nullable Integer numDraftTokens) {
			this.numDraftTokens = numDraftTokens;
			return this;
		}

		/**
		 * Set the conversation the request belongs to, such as the
		 * {@code ChatMemory.CONVERSATION_ID} given to Spring AI's
		 * {@code MessageChatMemoryAdvisor}. Never sent to the server: with several
		 * servers ({@code lb://}), every request of one conversation goes to the same
		 * server, whose prompt cache holds its earlier turns.
		 * @param conversationId the conversation id, or {@code null}
		 * @return this builder
		 */
		public Builder conversationId(@Nullable String conversationId) {
			this.conversationId = conversationId;
			return this;
		}

		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return this;
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			List<String> stop = this.stopSequences;
			List<ToolCallback> callbacks = this.toolCallbacks;
			super.combineWith(other);
			if (other instanceof DefaultChatOptionsBuilder<?> that) {
				// Lists replace instead of appending, so that merging twice is harmless.
				ChatOptions built = that.build();
				this.stopSequences = (built.getStopSequences() != null) ? new ArrayList<>(built.getStopSequences())
						: stop;
				List<ToolCallback> otherCallbacks = (built instanceof ToolCallingChatOptions tools)
						? tools.getToolCallbacks() : null;
				this.toolCallbacks = (otherCallbacks != null && !otherCallbacks.isEmpty())
						? new ArrayList<>(otherCallbacks) : callbacks;
			}
			if (other instanceof Builder that) {
				this.minP = pick(that.minP, this.minP);
				this.seed = pick(that.seed, this.seed);
				this.repetitionPenalty = pick(that.repetitionPenalty, this.repetitionPenalty);
				this.repetitionContextSize = pick(that.repetitionContextSize, this.repetitionContextSize);
				this.xtcProbability = pick(that.xtcProbability, this.xtcProbability);
				this.xtcThreshold = pick(that.xtcThreshold, this.xtcThreshold);
				this.logitBias = mergeMaps(this.logitBias, that.logitBias);
				this.enableThinking = pick(that.enableThinking, this.enableThinking);
				this.chatTemplateKwargs = mergeMaps(this.chatTemplateKwargs, that.chatTemplateKwargs);
				this.adapters = pick(that.adapters, this.adapters);
				this.draftModel = pick(that.draftModel, this.draftModel);
				this.numDraftTokens = pick(that.numDraftTokens, this.numDraftTokens);
				this.outputSchema = pick(that.outputSchema, this.outputSchema);
				this.responseFormatRequested = this.responseFormatRequested || that.responseFormatRequested;
				this.conversationId = pick(that.conversationId, this.conversationId);
			}
			else if (other instanceof StructuredOutputChatOptions.Builder<?> structured) {
				// Such as OpenAiChatOptions.Builder: read what it carries by building it.
				ChatOptions built = structured.build();
				ChatOptions.Builder<?> converted = toBuilder(built);
				if (converted instanceof Builder that) {
					this.seed = pick(that.seed, this.seed);
					this.outputSchema = pick(that.outputSchema, this.outputSchema);
					this.responseFormatRequested = this.responseFormatRequested || that.responseFormatRequested;
				}
			}
			return this;
		}

		private static <T> @Nullable T pick(@Nullable T preferred, @Nullable T fallback) {
			return (preferred != null) ? preferred : fallback;
		}

		private static <V> @Nullable Map<String, V> mergeMaps(@Nullable Map<String, V> base,
				@Nullable Map<String, V> over) {
			if (over == null) {
				return base;
			}
			Map<String, V> merged = (base != null) ? new LinkedHashMap<>(base) : new LinkedHashMap<>();
			merged.putAll(over);
			return merged;
		}

		@Override
		public Builder clone() {
			Builder copy = super.clone();
			copy.logitBias = (this.logitBias != null) ? new LinkedHashMap<>(this.logitBias) : null;
			copy.chatTemplateKwargs = (this.chatTemplateKwargs != null) ? new LinkedHashMap<>(this.chatTemplateKwargs)
					: null;
			return copy;
		}

		private ToolCallingChatOptions inherited() {
			return super.build();
		}

		@Override
		public MlxLmChatOptions build() {
			return new MlxLmChatOptions(this);
		}

	}

}

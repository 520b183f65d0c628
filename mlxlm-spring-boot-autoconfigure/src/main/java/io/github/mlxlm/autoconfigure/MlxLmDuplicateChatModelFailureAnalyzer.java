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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Explains two or more Spring AI {@code ChatModel} beans where one is required, typically
 * this starter next to another Spring AI model starter (Ollama, OpenAI, ...). Names every
 * chat model and the {@code spring.ai.model.chat} value that keeps it.
 * <p>
 * Ordered before Boot's generic analyzer for {@link NoUniqueBeanDefinitionException},
 * which would only suggest {@code @Primary} or {@code @Qualifier}.
 *
 * @author mlxlm developers
 */
class MlxLmDuplicateChatModelFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoUniqueBeanDefinitionException>
		implements Ordered {

	private static final String PROPERTY = MlxLmChatModelSelectionEnvironmentPostProcessor.PROPERTY;

	private static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";

	private static final String STREAMING_CHAT_MODEL = "org.springframework.ai.chat.model.StreamingChatModel";

	private static final String MLXLM_CHAT_MODEL = "io.github.mlxlm.chat.MlxLmChatModel";

	/*
	 * Spring AI packages and their {@code spring.ai.model.chat} values ({@code
	 * org.springframework.ai.model.SpringAIModels}), longest first.
	 */
	private static final Map<String, String> PROVIDERS;

	static {
		Map<String, String> providers = new LinkedHashMap<>();
		providers.put("org.springframework.ai.azure.openai.", "azure-openai");
		providers.put("org.springframework.ai.bedrock.converse.", "bedrock-converse");
		providers.put("org.springframework.ai.google.genai.", "google-genai");
		providers.put("org.springframework.ai.openaisdk.", "openai-sdk");
		providers.put("org.springframework.ai.anthropic.", "anthropic");
		providers.put("org.springframework.ai.deepseek.", "deepseek");
		providers.put("org.springframework.ai.mistralai.", "mistral");
		providers.put("org.springframework.ai.vertexai.", "vertexai");
		providers.put("org.springframework.ai.ollama.", "ollama");
		providers.put("org.springframework.ai.openai.", "openai");
		providers.put("org.springframework.ai.oci.", "oci-genai");
		PROVIDERS = providers;
	}

	private final ConfigurableListableBeanFactory beanFactory;

	MlxLmDuplicateChatModelFailureAnalyzer(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoUniqueBeanDefinitionException cause,
			@Nullable String description) {
		Collection<String> beanNames = cause.getBeanNamesFound();
		if (!isChatModel(cause) || beanNames == null || beanNames.size() < 2) {
			return null;
		}
		List<String> selectable = new ArrayList<>();
		List<String> selectableNames = new ArrayList<>();
		List<String> unselectable = new ArrayList<>();
		StringBuilder message = new StringBuilder(
				String.format("%s requires a single Spring AI ChatModel, but %d were found:%n",
						(description != null) ? description : "A component", beanNames.size()));
		for (String beanName : beanNames) {
			@Nullable String provider = providerOfBean(beanName);
			message.append(String.format("\t- %s: %s%s, %s%n", beanName, typeName(beanName),
					(provider != null) ? " (" + PROPERTY + "=" + provider + ")" : "", definition(beanName)));
			if (provider != null) {
				selectable.add(String.format("\t- %s=%s keeps %s%s%n", PROPERTY, provider, beanName,
						"mlxlm".equals(provider) ? " (MLX-LM, mlxlm-spring-boot-starter)" : ""));
				selectableNames.add(beanName);
			}
			else {
				unselectable.add(beanName);
			}
		}
		if (selectable.isEmpty()) {
			// No auto-configured chat model: the property cannot help, Boot's analysis
			// applies.
			return null;
		}
		StringBuilder action = new StringBuilder();
		if (unselectable.isEmpty()) {
			action.append(String.format("Select one chat model with the %s property:%n", PROPERTY));
			selectable.forEach(action::append);
		}
		else {
			String userBeans = StringUtils.collectionToDelimitedString(unselectable, ", ");
			action.append(String.format("%s %s not auto-configured, so %s does not turn %s off:%n", userBeans,
					(unselectable.size() == 1) ? "is" : "are", PROPERTY, (unselectable.size() == 1) ? "it" : "them"));
			if (unselectable.size() == 1) {
				action.append(String.format("\t- %s=none turns off %s and keeps %s%n", PROPERTY,
						StringUtils.collectionToDelimitedString(selectableNames, ", "), userBeans));
			}
			action.append(String.format("\t- to use an auto-configured chat model instead, remove %s,"
					+ " or mark the chat model to use @Primary%n", userBeans));
		}
		action.append(String.format("To use several chat models side by side, set spring.ai.chat.client.enabled=false,"
				+ " inject each model by its type or with @Qualifier, and build one ChatClient per model"
				+ " (ChatClient.create(chatModel)).%n"));
		return new FailureAnalysis(message.toString(), action.toString(), cause);
	}

	private boolean isChatModel(NoUniqueBeanDefinitionException cause) {
		Class<?> type = cause.getBeanType();
		if (type == null && cause.getResolvableType() != null) {
			type = cause.getResolvableType().resolve();
		}
		return type != null && (CHAT_MODEL.equals(type.getName()) || STREAMING_CHAT_MODEL.equals(type.getName()));
	}

	private @Nullable Class<?> type(String beanName) {
		try {
			return this.beanFactory.getType(beanName, false);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private String typeName(String beanName) {
		Class<?> type = type(beanName);
		return (type != null) ? type.getName() : "(unknown type)";
	}

	/*
	 * The {@code spring.ai.model.chat} value that keeps the given bean, or {@code null}
	 * when the property does not select it.
	 */
	@Nullable String providerOfBean(String beanName) {
		Class<?> type = type(beanName);
		if (type == null) {
			return null;
		}
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (MLXLM_CHAT_MODEL.equals(candidate.getName())) {
				return "mlxlm";
			}
		}
		return providerOfClass(type.getName());
	}

	static @Nullable String providerOfClass(String className) {
		for (Map.Entry<String, String> entry : PROVIDERS.entrySet()) {
			if (className.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return null;
	}

	private String definition(String beanName) {
		try {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
			String resource = (definition.getResourceDescription() != null) ? definition.getResourceDescription()
					: "unknown location";
			if (StringUtils.hasText(definition.getFactoryMethodName())) {
				return "defined by method '" + definition.getFactoryMethodName() + "' in " + resource;
			}
			return "defined in " + resource;
		}
		catch (NoSuchBeanDefinitionException ex) {
			return "a programmatically registered singleton";
		}
	}

	@Override
	public int getOrder() {
		return 0;
	}

}

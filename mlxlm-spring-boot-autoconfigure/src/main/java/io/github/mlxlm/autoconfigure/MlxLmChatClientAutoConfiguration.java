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

import io.github.mlxlm.chat.MlxLmConversationIdAdvisor;

import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that gives every {@code ChatClient} built from Boot's
 * {@code ChatClient.Builder} the {@link MlxLmConversationIdAdvisor}, so that a
 * chat-memory conversation id given once (as an advisor parameter) also keeps the
 * conversation on one server.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass(ChatClientCustomizer.class)
@ConditionalOnMlxLmChatModelSelected
public final class MlxLmChatClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mlxLmConversationIdChatClientCustomizer")
	ChatClientCustomizer mlxLmConversationIdChatClientCustomizer() {
		return (builder) -> builder.defaultAdvisors(new MlxLmConversationIdAdvisor());
	}

}

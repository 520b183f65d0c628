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

package io.github.mlxlm.api;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Reflection hints for a native image: the records Jackson writes and reads on the wire
 * ({@link MlxLmApi}'s requests and replies), and the chat options. Registered in
 * {@code META-INF/spring/aot.factories}, as Spring AI registers its models' types.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmRuntimeHints implements RuntimeHintsRegistrar {

	static final MemberCategory[] BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	private static final String CHAT_OPTIONS = "io.github.mlxlm.chat.MlxLmChatOptions";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		Arrays.stream(MlxLmApi.class.getDeclaredClasses())
			.filter(Class::isRecord)
			.forEach((type) -> hints.reflection().registerType(type, BINDING));
		hints.reflection().registerType(TypeReference.of(CHAT_OPTIONS), BINDING);
	}

}

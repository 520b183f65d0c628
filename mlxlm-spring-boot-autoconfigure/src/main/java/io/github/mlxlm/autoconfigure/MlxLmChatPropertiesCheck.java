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

import java.util.List;

import io.github.mlxlm.chat.MlxLmChatOptionsCheck;

/**
 * Checks {@code mlxlm.chat.*} with the rules every request is checked with. A separate
 * class so that the properties validator loads Spring AI's types only when they are
 * present.
 *
 * @author mlxlm developers
 */
final class MlxLmChatPropertiesCheck {

	private MlxLmChatPropertiesCheck() {
	}

	static List<InvalidMlxLmPropertyException.Problem> check(MlxLmProperties.Chat chat) {
		return MlxLmChatOptionsCheck.check(MlxLmChatPropertiesMapper.toOptions(chat), Integer.MAX_VALUE)
			.stream()
			.map((violation) -> MlxLmPropertiesValidator.problem("chat." + kebab(violation.field()), violation.value(),
					"it must be " + violation.expected(),
					violation.expected() + ", or remove it to use the server's default"))
			.toList();
	}

	private static String kebab(String field) {
		return field.replaceAll("([a-z])([A-Z])", "$1-$2").replaceAll("\\[.*", "").toLowerCase(java.util.Locale.ROOT);
	}

}

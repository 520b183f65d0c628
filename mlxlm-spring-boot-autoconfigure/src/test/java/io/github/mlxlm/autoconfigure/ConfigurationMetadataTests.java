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

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata gives every {@code mlxlm.*} property a
 * description, hints the enumerated values and declares the health contributor's switch,
 * so IDEs can explain and complete them.
 */
class ConfigurationMetadataTests {

	@Test
	void everyMlxLmPropertyHasADescription() throws IOException {
		JsonNode metadata = metadata();
		List<String> names = new ArrayList<>();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("mlxlm.")) {
				names.add(name);
				JsonNode description = property.get("description");
				if (description == null || description.asString().isBlank()) {
					undocumented.add(name);
				}
			}
		}
		assertThat(names).contains("mlxlm.base-url", "mlxlm.api-key", "mlxlm.model", "mlxlm.connect-timeout",
				"mlxlm.read-timeout", "mlxlm.test-connection", "mlxlm.health.timeout", "mlxlm.simulator.enabled");
		assertThat(undocumented).isEmpty();
	}

	@Test
	void healthContributorSwitchIsABooleanThatDefaultsToTrue() throws IOException {
		JsonNode property = find(metadata().get("properties"), "management.health.mlxlm.enabled");
		assertThat(property).as("management.health.mlxlm.enabled").isNotNull();
		assertThat(property.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(property.get("defaultValue").asBoolean()).isTrue();
		assertThat(property.get("description").asString()).isNotBlank();
	}

	@Test
	void healthProbeHintsListEveryProbe() throws IOException {
		assertThat(hintValues("mlxlm.health.probe")).containsExactly("liveness", "generation");
	}

	@Test
	void chatModelSelectionHintsMlxLm() throws IOException {
		assertThat(hintValues("spring.ai.model.chat")).containsExactly("mlxlm");
	}

	@Test
	void everyHintValueHasADescription() throws IOException {
		for (JsonNode hint : metadata().get("hints")) {
			for (JsonNode value : hint.get("values")) {
				assertThat(value.get("description")).as(hint.get("name").asString() + "=" + value.get("value"))
					.isNotNull();
			}
		}
	}

	private static List<String> hintValues(String name) throws IOException {
		JsonNode hint = find(metadata().get("hints"), name);
		assertThat(hint).as("hint for " + name).isNotNull();
		List<String> values = new ArrayList<>();
		hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	private static @Nullable JsonNode find(JsonNode entries, String name) {
		for (JsonNode entry : entries) {
			if (entry.get("name").asString().equals(name)) {
				return entry;
			}
		}
		return null;
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}

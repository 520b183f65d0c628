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
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.env.Environment;

/**
 * Logs one WARN at start-up for properties that look meant for this starter but have no
 * effect: {@code mlxlm.*} names that no {@code mlxlm} property has (a typo such as
 * {@code mlxlm.base-uri}), and {@code spring.ai.mlxlm.*} (this starter's properties have
 * no {@code spring.ai} prefix). Each is named with the property to use, never with its
 * value. The known names come from the configuration metadata on the class path, as
 * Boot's {@code spring-boot-properties-migrator} reads them.
 *
 * @author mlxlm developers
 */
class MlxLmUnknownPropertiesWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(MlxLmUnknownPropertiesWarning.class);

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final ConfigurationPropertyName MLXLM = ConfigurationPropertyName.of("mlxlm");

	private static final String MLXLM_NAME = "\"mlxlm.";

	private static final ConfigurationPropertyName SPRING_AI_MLXLM = ConfigurationPropertyName.of("spring.ai.mlxlm");

	private final Environment environment;

	private final ClassLoader classLoader;

	MlxLmUnknownPropertiesWarning(Environment environment, @Nullable ClassLoader classLoader) {
		this.environment = environment;
		this.classLoader = (classLoader != null) ? classLoader : MlxLmUnknownPropertiesWarning.class.getClassLoader();
	}

	@Override
	public void afterSingletonsInstantiated() {
		String message = message(this.environment, knownProperties(this.classLoader));
		if (message != null) {
			logger.warn(message);
		}
	}

	/*
	 * The warning for the given environment.
	 *
	 * @param environment the environment
	 *
	 * @param known the known {@code mlxlm.*} properties, each with whether it holds a map
	 * or a list (whose entries are below its name)
	 *
	 * @return the message, or {@code null} when every such property is known
	 */
	static @Nullable String message(Environment environment, Map<String, Boolean> known) {
		List<String> findings = new ArrayList<>();
		if (!known.isEmpty()) {
			MlxLmWrittenPropertyNames.under(environment, MLXLM).forEach((name, written) -> {
				if (!isKnown(uniform(name, 0), known)) {
					String suggestion = closest(name.toString(), known);
					findings.add(written + ((suggestion != null) ? " (did you mean " + suggestion + "?)" : ""));
				}
			});
		}
		MlxLmWrittenPropertyNames.under(environment, SPRING_AI_MLXLM)
			.forEach((name, written) -> findings.add(written + " (use mlxlm." + name.subName(3) + ")"));
		if (findings.isEmpty()) {
			return null;
		}
		return "Properties that look meant for the MLX-LM starter have no effect: " + String.join(", ", findings)
				+ ". Its properties are listed in the IDE and in docs/configuration.md of the starter.";
	}

	private static boolean isKnown(String name, Map<String, Boolean> known) {
		for (Map.Entry<String, Boolean> property : known.entrySet()) {
			String knownName = uniform(ConfigurationPropertyName.of(property.getKey()), 0);
			if (name.equals(knownName) || (property.getValue() && name.startsWith(knownName))) {
				return true;
			}
		}
		return false;
	}

	/*
	 * Return a name in one comparable form: its elements in Boot's uniform form (lower
	 * case, no dashes) joined without separators, so that {@code mlxlm.baseUrl}, {@code
	 * mlxlm.base-url} and {@code MLXLM_BASEURL} compare equal.
	 */
	private static String uniform(ConfigurationPropertyName name, int from) {
		StringBuilder uniform = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			uniform.append(name.getElement(i, Form.UNIFORM));
		}
		return uniform.toString();
	}

	private static @Nullable String closest(String name, Map<String, Boolean> known) {
		String best = null;
		int bestDistance = 4;
		for (String property : known.keySet()) {
			int distance = distance(name, property);
			if (distance < bestDistance) {
				best = property;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * Read the known {@code mlxlm.*} properties from the configuration metadata.
	 * @param classLoader the class loader to look in
	 * @return each property's name mapped to whether entries go below it; empty when
	 * there is no metadata (then nothing is reported)
	 */
	static Map<String, Boolean> knownProperties(ClassLoader classLoader) {
		Map<String, Boolean> known = new LinkedHashMap<>();
		JsonMapper json = JsonMapper.builder().build();
		try {
			for (URL resource : Collections.list(classLoader.getResources(METADATA))) {
				try (InputStream in = resource.openStream()) {
					byte[] metadata = in.readAllBytes();
					// Only files that name an mlxlm property are parsed: parsing
					// every jar's (Boot's alone is hundreds of kilobytes) cost
					// start-up tens of milliseconds.
					if (!new String(metadata, StandardCharsets.ISO_8859_1).contains(MLXLM_NAME)) {
						continue;
					}
					JsonNode properties = json.readTree(metadata).path("properties");
					for (JsonNode property : properties) {
						String name = property.path("name").asString("");
						if (name.startsWith("mlxlm.")) {
							String type = property.path("type").asString("");
							boolean container = type.startsWith("java.util.Map") || type.startsWith("java.util.List")
									|| type.startsWith("java.util.Set") || type.endsWith("[]");
							known.put(name, container);
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not read the configuration metadata; unknown mlxlm properties are not reported", ex);
			return Map.of();
		}
		return known;
	}

}

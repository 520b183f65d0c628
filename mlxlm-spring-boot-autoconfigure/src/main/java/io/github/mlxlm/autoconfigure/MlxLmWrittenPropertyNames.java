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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The property names an application's environment holds below a prefix, as the user wrote
 * them, for the start-up warnings about properties that have no effect. Binding cannot
 * tell those: it only reads the names it asks for.
 *
 * @author mlxlm developers
 */
final class MlxLmWrittenPropertyNames {

	private MlxLmWrittenPropertyNames() {
	}

	/**
	 * Return the names below a prefix.
	 * @param environment the environment
	 * @param prefix the prefix
	 * @return each name in Boot's canonical form, with the name as written (such as an
	 * environment variable), highest precedence first
	 */
	static Map<ConfigurationPropertyName, String> under(Environment environment, ConfigurationPropertyName prefix) {
		Map<ConfigurationPropertyName, String> names = new LinkedHashMap<>();
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return names;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					|| !(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			boolean environmentVariables = source instanceof SystemEnvironmentPropertySource;
			for (String name : enumerable.getPropertyNames()) {
				ConfigurationPropertyName adapted = environmentVariables
						? ConfigurationPropertyName.adapt(name.toLowerCase(Locale.ROOT), '_')
						: ConfigurationPropertyName.adapt(name, '.');
				if (prefix.isAncestorOf(adapted)) {
					names.putIfAbsent(adapted, name);
				}
			}
		}
		return names;
	}

}

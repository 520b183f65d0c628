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

package io.github.mlxlm.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The sample's one tool: a canned weather forecast. One instance per request, so that it
 * can report which calls it served, and tell a listener about each call as it runs (the
 * streaming endpoint shows calls live, before the model's answer arrives).
 *
 * @author mlxlm developers
 */
class WeatherTools {

	private final List<ToolCallRecord> calls = new CopyOnWriteArrayList<>();

	private final Consumer<ToolCallRecord> listener;

	WeatherTools() {
		this((call) -> {
		});
	}

	WeatherTools(Consumer<ToolCallRecord> listener) {
		this.listener = listener;
	}

	@Tool(name = "get_weather", description = "Get the weather forecast for a city")
	String getWeather(@ToolParam(description = "City name, such as Oslo") String city,
			@ToolParam(description = "Temperature unit: celsius or fahrenheit",
					required = false) @Nullable String unit) {
		String resolvedUnit = (unit != null && unit.toLowerCase(Locale.ROOT).startsWith("f")) ? "fahrenheit"
				: "celsius";
		// In the tool's parameter order (Map.of has none), as the page lists them.
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("city", city);
		if (unit != null) {
			arguments.put("unit", unit);
		}
		String temperature = resolvedUnit.equals("fahrenheit") ? "64 °F" : "18 °C";
		String result = "Forecast for " + city + ": " + temperature + ", sunny, light wind from the west.";
		ToolCallRecord call = new ToolCallRecord("get_weather", arguments, result);
		this.calls.add(call);
		this.listener.accept(call);
		return result;
	}

	List<ToolCallRecord> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * A tool call that ran.
	 *
	 * @param name the tool's name
	 * @param arguments the arguments the model passed
	 * @param result what the tool returned to the model
	 */
	record ToolCallRecord(String name, Map<String, Object> arguments, String result) {
	}

}

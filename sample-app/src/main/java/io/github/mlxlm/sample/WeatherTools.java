package io.github.mlxlm.sample;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The sample's one tool: a canned weather forecast. One instance per request, so that it
 * can report which calls it served.
 */
class WeatherTools {

	private final List<ToolCallRecord> calls = new CopyOnWriteArrayList<>();

	@Tool(name = "get_weather", description = "Get the weather forecast for a city")
	String getWeather(@ToolParam(description = "City name, such as Oslo") String city,
			@ToolParam(description = "Temperature unit: celsius or fahrenheit", required = false) @Nullable String unit) {
		String resolvedUnit = (unit != null && unit.toLowerCase(Locale.ROOT).startsWith("f")) ? "fahrenheit"
				: "celsius";
		Map<String, Object> arguments = (unit != null) ? Map.of("city", city, "unit", unit) : Map.of("city", city);
		this.calls.add(new ToolCallRecord("get_weather", arguments));
		String temperature = resolvedUnit.equals("fahrenheit") ? "64 °F" : "18 °C";
		return "Forecast for " + city + ": " + temperature + ", sunny, light wind from the west.";
	}

	List<ToolCallRecord> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * A tool call that ran.
	 *
	 * @param name the tool's name
	 * @param arguments the arguments the model passed
	 */
	record ToolCallRecord(String name, Map<String, Object> arguments) {
	}

}

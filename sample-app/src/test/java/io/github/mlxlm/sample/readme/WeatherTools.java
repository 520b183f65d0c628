package io.github.mlxlm.sample.readme;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The README's tool.
 */
// tag::tool[]
class WeatherTools {

	@Tool(description = "Get the current weather in a city")
	String currentWeather(@ToolParam(description = "City name, such as Oslo") String city) {
		return "Sunny, 18 °C in " + city;
	}

}
// end::tool[]

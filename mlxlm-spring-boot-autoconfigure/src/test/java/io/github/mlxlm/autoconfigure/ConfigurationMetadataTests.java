package io.github.mlxlm.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata gives every {@code mlxlm.*} property a
 * description, so IDEs can explain it.
 */
class ConfigurationMetadataTests {

	@Test
	void everyMlxLmPropertyHasADescription() throws IOException {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
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

}

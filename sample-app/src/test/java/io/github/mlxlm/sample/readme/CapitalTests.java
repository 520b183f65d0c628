package io.github.mlxlm.sample.readme;

import io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorBuilderCustomizer;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/*
 * The README's @SpringBootTest, as a real test of the sample app. Its name does not start
 * with "Readme" because the README shows it as a user would write it.
 */
// tag::spring-boot-test[]
@SpringBootTest(properties = { "mlxlm.simulator.enabled=true", "mlxlm.simulator.tokens-per-second=0" })
class CapitalTests {

	record Capital(String country, String city) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ScriptedReplies {

		@Bean
		MlxLmSimulatorBuilderCustomizer capitalReply() {
			// unscripted prompts get "This is a test!", which is not JSON
			return (simulator) -> simulator.script("capital of Norway",
					Reply.text("{\"country\": \"Norway\", \"city\": \"Oslo\"}"));
		}

	}

	@Autowired
	ChatClient.Builder chatClientBuilder;

	@Test
	void readsTheCapitalFromAJsonReply() {
		Capital capital = this.chatClientBuilder.build()
			.prompt()
			.user("What is the capital of Norway?")
			.call()
			.entity(Capital.class);
		assertThat(capital).isEqualTo(new Capital("Norway", "Oslo"));
	}

}
// end::spring-boot-test[]

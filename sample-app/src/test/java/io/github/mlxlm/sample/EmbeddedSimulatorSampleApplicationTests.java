package io.github.mlxlm.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With its default configuration the sample app runs on the embedded simulator, so it
 * works on any machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mlxlm.simulator.tokens-per-second=0")
@AutoConfigureWebTestClient
class EmbeddedSimulatorSampleApplicationTests {

	@Autowired
	WebTestClient webClient;

	@Test
	void chatAnswersFromTheEmbeddedSimulatorByDefault() {
		this.webClient.post()
			.uri("/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"message\": \"Hello\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isNotEmpty()
			.jsonPath("$.finishReason")
			.isEqualTo("stop");
	}

	@Test
	void healthIsUpOnTheEmbeddedSimulatorByDefault() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mlxlm.details.model")
			.isEqualTo("mlx-community/Qwen3-4B-Instruct-2507-4bit");
	}

}

package io.github.mlxlm.sample;

import java.util.List;

import io.github.mlxlm.simulator.MlxLmSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with the {@code fleet} profile: three embedded simulators behind
 * {@code lb://mlxlm/v1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.fleet.tokens-per-second=0")
@ActiveProfiles("fleet")
@AutoConfigureWebTestClient(timeout = "30s")
class FleetSampleApplicationTests {

	@Autowired
	WebTestClient webClient;

	@Autowired
	FleetSimulators fleet;

	@Test
	void chatsReachOnlyTheServersOfTheConfiguredModel() {
		for (int i = 0; i < 4; i++) {
			this.webClient.post()
				.uri("/chat")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"message\": \"Hello " + i + "\"}")
				.exchange()
				.expectStatus()
				.isOk();
		}
		List<MlxLmSimulator> simulators = this.fleet.simulators();
		assertThat(chats(simulators.get(0)) + chats(simulators.get(1))).isEqualTo(4);
		assertThat(chats(simulators.get(2))).isZero();
	}

	@Test
	void healthShowsOneComponentPerServer() {
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.mlxlm.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mlxlm.components.length()")
			.isEqualTo(3);
	}

	private static long chats(MlxLmSimulator simulator) {
		return simulator.requests().stream().filter((r) -> r.path().equals("/v1/chat/completions")).count();
	}

}

package io.github.mlxlm.sample;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.mlxlm.autoconfigure.InvalidMlxLmPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A base URL that points at the application's own web server is refused at start-up
 * instead of the application calling itself.
 */
class SelfCallingBaseUrlTests {

	@Test
	void aBaseUrlOnTheApplicationsOwnPortIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> application.run("--server.port=" + port, "--mlxlm.simulator.enabled=false",
					"--mlxlm.base-url=http://localhost:" + port + "/v1"))
			.havingRootCause()
			.isInstanceOf(InvalidMlxLmPropertyException.class)
			.withMessageContaining("mlxlm.base-url")
			.withMessageContaining("points at this application itself (port " + port);
	}

}

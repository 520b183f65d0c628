package io.github.mlxlm.chat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for which OkHttp failures {@link MlxLmOkHttpInterceptor} treats as "no byte was sent".
 */
class MlxLmOkHttpInterceptorRetryTests {

	@Test
	void refusedConnectionIsAConnectFailure() {
		assertThat(MlxLmOkHttpInterceptor.isConnectFailure(new ConnectException("Connection refused"))).isTrue();
	}

	@Test
	void connectTimeoutIsAConnectFailure() {
		assertThat(MlxLmOkHttpInterceptor.isConnectFailure(new SocketTimeoutException("Connect timed out"))).isTrue();
	}

	@Test
	void readTimeoutIsNotAConnectFailure() {
		assertThat(MlxLmOkHttpInterceptor.isConnectFailure(new SocketTimeoutException("timeout"))).isFalse();
	}

	@Test
	void resetIsNotAConnectFailure() {
		assertThat(MlxLmOkHttpInterceptor.isConnectFailure(new IOException("Connection reset"))).isFalse();
	}

}

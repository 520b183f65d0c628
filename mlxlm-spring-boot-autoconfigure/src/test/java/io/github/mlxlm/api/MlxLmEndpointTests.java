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

package io.github.mlxlm.api;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MlxLmEndpoint}.
 */
class MlxLmEndpointTests {

	@ParameterizedTest
	@CsvSource({ "http://h:8080/v1, http://h:8080/v1, http://h:8080",
			"http://h:8080/v1/, http://h:8080/v1, http://h:8080", "http://h:8080/v1//, http://h:8080/v1, http://h:8080",
			"http://h:8080, http://h:8080, http://h:8080", "http://h:8080/, http://h:8080, http://h:8080",
			"http://gw/v1proxy/v1, http://gw/v1proxy/v1, http://gw/v1proxy",
			"http://gw/v1proxy, http://gw/v1proxy, http://gw/v1proxy",
			"https://gw/mlx/v1, https://gw/mlx/v1, https://gw/mlx",
			"http://gw/v1/api, http://gw/v1/api, http://gw/v1/api", "http://gw/xv1, http://gw/xv1, http://gw/xv1" })
	void serverRootIsBaseUrlWithoutTrailingV1Segment(String baseUrl, String expectedBase, String expectedRoot) {
		MlxLmEndpoint endpoint = MlxLmEndpoint.of(baseUrl);
		assertThat(endpoint.baseUrl()).isEqualTo(URI.create(expectedBase));
		assertThat(endpoint.serverRoot()).isEqualTo(URI.create(expectedRoot));
	}

	@Test
	void isLocalForLoopbackNamesOnTheSamePort() {
		assertThat(MlxLmEndpoint.of("http://localhost:8080/v1").isLocal(8080)).isTrue();
		assertThat(MlxLmEndpoint.of("http://127.0.0.1:8080/v1").isLocal(8080)).isTrue();
		assertThat(MlxLmEndpoint.of("http://[::1]:8080/v1").isLocal(8080)).isTrue();
		assertThat(MlxLmEndpoint.of("http://localhost/v1").isLocal(80)).isTrue();
	}

	@Test
	void isNotLocalForAnotherPortOrHost() {
		assertThat(MlxLmEndpoint.of("http://localhost:8081/v1").isLocal(8080)).isFalse();
		assertThat(MlxLmEndpoint.of("http://mac.local:8080/v1").isLocal(8080)).isFalse();
	}

	@Test
	void loadBalancedUrlIsNeverLocal() {
		assertThat(MlxLmEndpoint.of("lb://localhost:8080/v1").isLocal(8080)).isFalse();
	}

	@Test
	void loadBalancedServiceIdIsTheAuthorityAndThePathIsKept() {
		MlxLmEndpoint endpoint = MlxLmEndpoint.of("lb://mlxlm/v1/");
		assertThat(endpoint.serviceId()).isEqualTo("mlxlm");
		assertThat(endpoint.basePath()).isEqualTo("/v1");
	}

	@Test
	void loadBalancedServiceIdThatIsNoHostNameIsAccepted() {
		assertThat(MlxLmEndpoint.of("lb://mlx_lm/v1").serviceId()).isEqualTo("mlx_lm");
	}

	@Test
	void loadBalancedUrlWithoutPathHasAnEmptyBasePath() {
		assertThat(MlxLmEndpoint.of("lb://mlxlm").basePath()).isEmpty();
	}

	@Test
	void loadBalancedSchemeIsRecognisedWhateverItsCase() {
		assertThat(MlxLmEndpoint.isLoadBalanced(" LB://mlxlm/v1")).isTrue();
		assertThat(MlxLmEndpoint.isLoadBalanced("http://localhost:8080/v1")).isFalse();
		assertThat(MlxLmEndpoint.isLoadBalanced(null)).isFalse();
	}

	@Test
	void invalidLoadBalancedUrlIsNotLoadBalanced() {
		assertThat(MlxLmEndpoint.isLoadBalanced("lb://mlxlm/v1?x=1")).isFalse();
	}

	@Test
	void passwordInLoadBalancedServiceIdIsRefused() {
		assertThat(MlxLmEndpoint.problem("lb://user:secret@mlx_lm/v1")).contains("must not carry a user or password");
	}

	@Test
	void serviceIdOfHttpUrlIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> MlxLmEndpoint.of("http://localhost:8080/v1").serviceId());
	}

	@Test
	void healthUrlIsOnServerRoot() {
		assertThat(MlxLmEndpoint.of("http://h:8080/v1/").healthUrl()).isEqualTo(URI.create("http://h:8080/health"));
	}

	@Test
	void modelsUrlIsOnBaseUrl() {
		assertThat(MlxLmEndpoint.of("http://gw/v1proxy/v1").modelsUrl())
			.isEqualTo(URI.create("http://gw/v1proxy/v1/models"));
	}

	@Test
	void resolveKeepsBaseUrlPathForLeadingSlash() {
		assertThat(MlxLmEndpoint.of("http://h:8080/v1").resolve("/chat/completions"))
			.isEqualTo(URI.create("http://h:8080/v1/chat/completions"));
	}

	@Test
	void surroundingWhitespaceIsTolerated() {
		assertThat(MlxLmEndpoint.of("  http://h:8080/v1 \n").baseUrl()).isEqualTo(URI.create("http://h:8080/v1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8080/v1", "/v1", "ftp://h/v1", "not a url", "http:///v1", " " })
	void ofRejectsValueThatIsNotAbsoluteHttpUrlAndNamesIt(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> MlxLmEndpoint.of(value))
			.withMessageContaining("'" + value + "'");
	}

	@Test
	void ofRejectsQuery() {
		assertThatIllegalArgumentException().isThrownBy(() -> MlxLmEndpoint.of("http://h/v1?x=1"))
			.withMessageContaining("'http://h/v1?x=1'");
	}

	@Test
	void ofRejectsNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> MlxLmEndpoint.of(null)).withMessageContaining("'null'");
	}

}

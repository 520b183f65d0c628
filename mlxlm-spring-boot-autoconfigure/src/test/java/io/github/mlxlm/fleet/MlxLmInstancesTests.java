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

package io.github.mlxlm.fleet;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance has one name whether it comes from discovery or from a request's URL.
 */
class MlxLmInstancesTests {

	@Test
	void instanceAndItsRequestUrlHaveTheSameName() {
		DefaultServiceInstance instance = new DefaultServiceInstance("a", "mlxlm", "10.0.0.7", 8080, false, Map.of());
		assertThat(MlxLmInstances.key(instance))
			.isEqualTo(MlxLmInstances.key(URI.create("http://10.0.0.7:8080/v1/chat/completions")))
			.isEqualTo("10.0.0.7:8080");
	}

	@Test
	void ipv6HostIsNamedWithoutBrackets() {
		DefaultServiceInstance instance = new DefaultServiceInstance("a", "mlxlm", "::1", 8080, false, Map.of());
		assertThat(MlxLmInstances.key(URI.create("http://[::1]:8080/health"))).isEqualTo(MlxLmInstances.key(instance))
			.isEqualTo("::1:8080");
	}

	@Test
	void aUserAndPasswordInAnInstanceUriAreLeftOutOfItsBaseUrl() {
		DefaultServiceInstance instance = new DefaultServiceInstance("a", "mlxlm", "10.0.0.7", 8080, false, Map.of()) {
			@Override
			public URI getUri() {
				return URI.create("http://admin:s3cret@10.0.0.7:8080");
			}
		};
		assertThat(MlxLmInstances.baseUrl(instance, "/v1")).isEqualTo("http://10.0.0.7:8080/v1");
	}

	@Test
	void urlWithoutPortUsesTheSchemesDefault() {
		assertThat(MlxLmInstances.key(URI.create("https://mac.example/v1"))).isEqualTo("mac.example:443");
	}

	@Test
	void baseUrlOfAnInstanceAppendsTheLoadBalancedPath() {
		DefaultServiceInstance instance = new DefaultServiceInstance("a", "mlxlm", "10.0.0.7", 8080, false, Map.of());
		assertThat(MlxLmInstances.baseUrl(instance, "/v1")).isEqualTo("http://10.0.0.7:8080/v1");
	}

}

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

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancerClientRequestTransformer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns the {@code lb} scheme of a load-balanced base URL ({@code lb://mlxlm/v1}) into
 * {@code http}, or {@code https} for a secure instance, once an instance was chosen.
 * <p>
 * Spring Cloud's load-balancer filter keeps the request's scheme unless the instance
 * names one, and static or Consul instances often do not: the request would otherwise
 * leave with the scheme {@code lb}, which no HTTP client can send.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class MlxLmLoadBalancedSchemeTransformer implements LoadBalancerClientRequestTransformer {

	/**
	 * The scheme of a load-balanced base URL.
	 */
	public static final String LOAD_BALANCED_SCHEME = "lb";

	@Override
	public ClientRequest transformRequest(ClientRequest request, ServiceInstance instance) {
		URI url = request.url();
		if (!LOAD_BALANCED_SCHEME.equalsIgnoreCase(url.getScheme())) {
			return request;
		}
		String scheme = instance.isSecure() ? "https" : "http";
		URI transformed = UriComponentsBuilder.fromUri(url).scheme(scheme).build(true).toUri();
		return ClientRequest.from(request).url(transformed).build();
	}

}

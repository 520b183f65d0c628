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

package io.github.mlxlm.sample;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers a request line, headers or a body too large with an RFC 9457 problem detail
 * (414, 431 and 413, each saying the limit), like every other error of the sample,
 * instead of the empty replies Netty's own limits give. Netty's limits are raised above
 * these in {@code application.yml}, so that requests reach this filter; a request past
 * Netty's raised limits still gets Netty's empty reply.
 *
 * @author mlxlm developers
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLimitsWebFilter implements WebFilter {

	/** The longest request target (path and query) accepted. */
	static final int MAX_URI_LENGTH = 8 * 1024;

	/** The most header bytes accepted. */
	static final int MAX_HEADER_BYTES = 16 * 1024;

	/**
	 * The largest body accepted: the codecs' default buffer
	 * (spring.codec.max-in-memory-size).
	 */
	static final long MAX_BODY_BYTES = 256 * 1024;

	private final JsonMapper jsonMapper;

	RequestLimitsWebFilter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		URI uri = exchange.getRequest().getURI();
		int targetLength = uri.getRawPath().length()
				+ ((uri.getRawQuery() != null) ? uri.getRawQuery().length() + 1 : 0);
		if (targetLength > MAX_URI_LENGTH) {
			return reject(exchange, HttpStatus.URI_TOO_LONG,
					"The request target is " + targetLength + " characters long; at most " + MAX_URI_LENGTH
							+ " are accepted. Send long messages with POST /chat instead.");
		}
		long headerBytes = 0;
		for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
			for (String value : header.getValue()) {
				headerBytes += header.getKey().length() + value.length() + 4;
			}
		}
		if (headerBytes > MAX_HEADER_BYTES) {
			return reject(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers take "
					+ headerBytes + " bytes; at most " + MAX_HEADER_BYTES + " are accepted.");
		}
		long bodyBytes = exchange.getRequest().getHeaders().getContentLength();
		if (bodyBytes > MAX_BODY_BYTES) {
			return reject(exchange, HttpStatus.CONTENT_TOO_LARGE, "The request body is " + bodyBytes
					+ " bytes long; at most " + MAX_BODY_BYTES + " are accepted. Send a shorter message.");
		}
		return chain.filter(exchange);
	}

	private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}

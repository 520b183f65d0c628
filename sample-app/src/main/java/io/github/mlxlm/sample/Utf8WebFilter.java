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

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses text that is not valid UTF-8 instead of letting it be altered: a query
 * parameter such as {@code ?message=%ED%A0%80} (a lone surrogate) would otherwise be
 * decoded to U+FFFD and sent, and an overlong sequence in a JSON body ({@code C0 AF})
 * read as "/". Both are 400 problem details naming the parameter or the body. The JDK's
 * decoder with {@link CodingErrorAction#REPORT} is the strict check; Spring's decoding
 * replaces instead.
 *
 * @author mlxlm developers
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class Utf8WebFilter implements WebFilter {

	private final JsonMapper jsonMapper;

	Utf8WebFilter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String invalid = invalidParameter(exchange.getRequest().getURI());
		if (invalid != null) {
			return reject(exchange, HttpStatus.BAD_REQUEST, invalid,
					"Parameter '" + invalid + "' is not valid UTF-8 text.");
		}
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return chain.filter(exchange);
		}
		// After RequestLimitsWebFilter, and bounded as the codecs are: never more than
		// the
		// limit in memory.
		return DataBufferUtils.join(exchange.getRequest().getBody(), (int) RequestLimitsWebFilter.MAX_BODY_BYTES)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((joined) -> {
				if (joined.isEmpty()) {
					return chain.filter(exchange);
				}
				DataBuffer body = joined.get();
				byte[] bytes = new byte[body.readableByteCount()];
				body.read(bytes);
				DataBufferUtils.release(body);
				if (!isUtf8(bytes)) {
					return reject(exchange, HttpStatus.BAD_REQUEST, "body",
							"The request body is not valid UTF-8 text.");
				}
				ServerHttpRequestDecorator replayed = new ServerHttpRequestDecorator(exchange.getRequest()) {
					@Override
					public Flux<DataBuffer> getBody() {
						return Flux.just(exchange.getResponse().bufferFactory().wrap(bytes));
					}
				};
				return chain.filter(exchange.mutate().request(replayed).build());
			})
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> reject(exchange, HttpStatus.CONTENT_TOO_LARGE, "body", "The request body is larger than "
							+ RequestLimitsWebFilter.MAX_BODY_BYTES + " bytes. Send a shorter message."));
	}

	private static @Nullable String invalidParameter(URI uri) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			byte[] decodedName = percentDecode(name);
			if (decodedName == null || !isUtf8(decodedName)) {
				return name;
			}
			byte[] decodedValue = percentDecode(value);
			if (decodedValue == null || !isUtf8(decodedValue)) {
				return new String(decodedName, StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static byte @Nullable [] percentDecode(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return null;
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				out.write(high * 16 + low);
				i += 2;
			}
			else if (c == '+') {
				out.write(' ');
			}
			else {
				out.write(c);
			}
		}
		return out.toByteArray();
	}

	static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String field, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("field", field);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}

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

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Boot's problem details for requests the sample cannot read, made to say what to fix: a
 * wrong type or an unknown property names the field ({@code field}), a body that is not
 * JSON says where it breaks. Spring's own details ("Failed to read HTTP message", "Type
 * mismatch.") name nothing.
 *
 * @author mlxlm developers
 */
@RestControllerAdvice
class RequestErrorHandler extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		if (cause instanceof UnrecognizedPropertyException unknown) {
			describe(problem, path(unknown), "Unknown property '" + path(unknown)
					+ "': the request has no such field, and a value given for it would be ignored.");
		}
		else if (cause instanceof StreamReadException syntax) {
			describe(problem, null, "The body is not valid JSON: " + syntax.getOriginalMessage());
		}
		else if (cause instanceof JacksonException binding && !binding.getPath().isEmpty()) {
			describe(problem, path(binding),
					"'" + path(binding) + "' has the wrong type: " + binding.getOriginalMessage());
		}
		else if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
			String name = ex.getMethodParameter().getParameterName();
			describe(problem, name, "Parameter '" + name + "' must be a " + typeName(mismatch.getRequiredType())
					+ ", not '" + mismatch.getValue() + "'.");
		}
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	static void describe(ProblemDetail problem, @Nullable String field, String detail) {
		problem.setDetail(detail);
		if (field != null) {
			problem.setProperty("field", field);
		}
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining("."));
	}

	private static String typeName(@Nullable Class<?> type) {
		if (type == null) {
			return "value";
		}
		return (type == boolean.class || type == Boolean.class) ? "boolean (true or false)"
				: type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
	}

}

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

import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmInvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a failed call to the MLX-LM server into an RFC 9457 problem detail a person can
 * act on: 503 when the server cannot be reached, 504 when it went silent for longer than
 * the read timeout, 502 when it rejected the request or broke the connection; the
 * {@code detail} names the server URL and what happened.
 *
 * @author mlxlm developers
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
class ChatErrorHandler {

	@ExceptionHandler(MlxLmException.class)
	ResponseEntity<ProblemDetail> serverFailed(MlxLmException ex) {
		// The starter has logged the failure once already; this only answers the client.
		ProblemDetail problem = describe(ex);
		// Explicit type: /chat/stream asks for text/event-stream, which would otherwise
		// write the problem as an SSE event under an error status that no EventSource
		// reads.
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	// The starter's exceptions already name the URL and say what happened, and carry a
	// reason: only the status is chosen here. Package-private: a stream that fails after
	// its first event reports the same problem as an SSE event (ChatEventStream).
	static ProblemDetail describe(MlxLmException ex) {
		ProblemDetail problem = switch (ex.reason()) {
			case INVALID_REQUEST -> problem(HttpStatus.BAD_REQUEST, "Invalid chat request", ex.getMessage());
			case REFUSED, CONNECT_TIMEOUT ->
				problem(HttpStatus.SERVICE_UNAVAILABLE, "MLX-LM server unreachable", ex.getMessage());
			case SHUTDOWN -> problem(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down", ex.getMessage());
			case READ_TIMEOUT -> problem(HttpStatus.GATEWAY_TIMEOUT, "MLX-LM server timed out", ex.getMessage());
			case HTTP_STATUS -> problem(HttpStatus.BAD_GATEWAY, "MLX-LM server rejected the request", ex.getMessage());
			case CLOSED -> problem(HttpStatus.BAD_GATEWAY, "MLX-LM server dropped the connection", ex.getMessage());
			case MALFORMED, TOO_LARGE ->
				problem(HttpStatus.BAD_GATEWAY, "MLX-LM server sent an unusable reply", ex.getMessage());
		};
		problem.setProperty("reason", ex.reason().name());
		if (ex instanceof MlxLmInvalidRequestException invalid && invalid.field() != null) {
			problem.setProperty("field", invalid.field());
		}
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

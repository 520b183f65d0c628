package io.github.mlxlm.sample;

import java.io.InterruptedIOException;
import java.net.ConnectException;

import io.github.mlxlm.api.MlxLmConnectionException;
import io.github.mlxlm.api.MlxLmException;
import io.github.mlxlm.api.MlxLmHttpException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a failed call to the MLX-LM server into an RFC 9457 problem detail a person can act
 * on: 503 when the server cannot be reached, 504 when it went silent for longer than the read
 * timeout, 502 when it rejected the request or broke the connection; the {@code detail} names
 * the server URL and what happened.
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
class ChatErrorHandler {

	private static final Log logger = LogFactory.getLog(ChatErrorHandler.class);

	@ExceptionHandler(MlxLmException.class)
	ResponseEntity<ProblemDetail> serverFailed(MlxLmException ex) {
		ProblemDetail problem = describe(ex);
		logger.warn(problem.getDetail());
		// Explicit type: /chat/stream asks for text/event-stream, which would otherwise write the
		// problem as an SSE event under an error status that no EventSource reads.
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	// The starter's exceptions already name the URL and say what happened; only the status
	// needs the cause: refused (503), silent past the read timeout (504), anything else (502).
	// Package-private: a stream that fails after its first event reports the same problem as
	// an SSE event (ChatEventStream), so both paths must share this mapping.
	static ProblemDetail describe(MlxLmException ex) {
		if (ex instanceof MlxLmHttpException) {
			return problem(HttpStatus.BAD_GATEWAY, "MLX-LM server rejected the request", ex.getMessage());
		}
		if (ex instanceof MlxLmConnectionException) {
			if (find(ex, ConnectException.class) != null) {
				return problem(HttpStatus.SERVICE_UNAVAILABLE, "MLX-LM server unreachable", ex.getMessage());
			}
			if (find(ex, InterruptedIOException.class) != null) {
				return problem(HttpStatus.GATEWAY_TIMEOUT, "MLX-LM server timed out", ex.getMessage());
			}
			return problem(HttpStatus.BAD_GATEWAY, "MLX-LM server dropped the connection", ex.getMessage());
		}
		return problem(HttpStatus.BAD_GATEWAY, "MLX-LM call failed", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}

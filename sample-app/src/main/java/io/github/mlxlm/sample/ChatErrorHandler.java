package io.github.mlxlm.sample;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.mlxlm.autoconfigure.MlxLmConnectionDetails;
import io.github.mlxlm.client.MlxLmConnectionException;
import io.github.mlxlm.client.MlxLmException;
import io.github.mlxlm.client.MlxLmHttpException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

	private final String baseUrl;

	ChatErrorHandler(MlxLmConnectionDetails connectionDetails) {
		this.baseUrl = connectionDetails.getBaseUrl();
	}

	@ExceptionHandler({ MlxLmException.class, OpenAIServiceException.class, OpenAIIoException.class })
	ProblemDetail serverFailed(RuntimeException ex) {
		ProblemDetail problem = describe(ex);
		logger.warn(problem.getDetail());
		return problem;
	}

	private ProblemDetail describe(Throwable ex) {
		OpenAIServiceException rejected = find(ex, OpenAIServiceException.class);
		if (rejected != null) {
			return problem(HttpStatus.BAD_GATEWAY, "MLX-LM server rejected the request",
					"MLX-LM server at " + this.baseUrl + " answered HTTP " + rejected.statusCode() + ": "
							+ rejected.getMessage());
		}
		MlxLmHttpException httpError = find(ex, MlxLmHttpException.class);
		if (httpError != null) {
			return problem(HttpStatus.BAD_GATEWAY, "MLX-LM server rejected the request", httpError.getMessage());
		}
		if (find(ex, ConnectException.class) != null) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "MLX-LM server unreachable",
					"Could not connect to the MLX-LM server at " + this.baseUrl + ": " + rootMessage(ex));
		}
		if (find(ex, InterruptedIOException.class) != null) {
			return problem(HttpStatus.GATEWAY_TIMEOUT, "MLX-LM server timed out", "MLX-LM server at " + this.baseUrl
					+ " sent nothing for longer than the read timeout (mlxlm.read-timeout)");
		}
		MlxLmConnectionException connection = find(ex, MlxLmConnectionException.class);
		if (connection != null) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "MLX-LM server unreachable", connection.getMessage());
		}
		if (find(ex, IOException.class) != null) {
			return problem(HttpStatus.BAD_GATEWAY, "MLX-LM server dropped the connection", "MLX-LM server at "
					+ this.baseUrl + " closed the connection without a complete reply: " + rootMessage(ex));
		}
		return problem(HttpStatus.BAD_GATEWAY, "MLX-LM call failed",
				"The call to the MLX-LM server at " + this.baseUrl + " failed: " + rootMessage(ex));
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

	private static String rootMessage(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}

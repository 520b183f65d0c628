package io.github.mlxlm.chat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.mlxlm.client.MlxLmConnectionException;
import io.github.mlxlm.client.MlxLmException;
import io.github.mlxlm.client.MlxLmHttpException;
import io.github.mlxlm.client.MlxLmResponseException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * Turns the OpenAI SDK's errors into the starter's {@link MlxLmException}s, whose message
 * names the URL that was called and says what happened. The SDK's error stays as the cause.
 * Errors that are not the SDK's (a tool's own exception, say) pass unchanged, except that a
 * {@code CompletionException} wrapper is removed.
 *
 * @author mlxlm developers
 */
final class MlxLmChatErrors {

	private static final Pattern STATUS_PREFIX = Pattern.compile("^\\d{3}: \"?(.*?)\"?$", Pattern.DOTALL);

	private MlxLmChatErrors() {
	}

	static Throwable translate(String url, Throwable error) {
		Throwable ex = unwrap(error);
		if (ex instanceof MlxLmException) {
			return ex;
		}
		if (ex instanceof OpenAIServiceException rejected) {
			String serverError = serverError(rejected);
			return new MlxLmHttpException("MLX-LM server at " + url + " answered HTTP " + rejected.statusCode()
					+ ((serverError != null) ? ": " + serverError : ""), url, rejected.statusCode(), serverError, ex);
		}
		if (ex instanceof OpenAIIoException || ex instanceof UncheckedIOException) {
			return new MlxLmConnectionException("MLX-LM server at " + url + " " + describeIo(ex), url, ex);
		}
		if (ex instanceof OpenAIInvalidDataException) {
			return new MlxLmResponseException(
					"MLX-LM server at " + url + " sent an unreadable reply: " + rootMessage(ex), url, ex);
		}
		if (ex instanceof OpenAIException) {
			return new MlxLmException("The call to the MLX-LM server at " + url + " failed: " + rootMessage(ex), url,
					ex);
		}
		return ex;
	}

	static RuntimeException translateUnchecked(String url, RuntimeException error) {
		Throwable translated = translate(url, error);
		return (translated instanceof RuntimeException runtime) ? runtime : error;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable ex = error;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		return ex;
	}

	private static String describeIo(Throwable ex) {
		if (find(ex, ConnectException.class) != null) {
			return "could not be reached: " + rootMessage(ex);
		}
		InterruptedIOException timeout = find(ex, InterruptedIOException.class);
		if (timeout != null) {
			String message = String.valueOf(timeout.getMessage());
			if (message.contains("connect")) {
				return "could not be reached: " + message;
			}
			return "sent nothing for longer than the read timeout (mlxlm.read-timeout): " + message;
		}
		if (find(ex, IOException.class) != null) {
			return "closed the connection without a complete reply: " + rootMessage(ex);
		}
		return "failed: " + rootMessage(ex);
	}

	private static @Nullable String serverError(OpenAIServiceException rejected) {
		String message = rejected.getMessage();
		if (message == null) {
			return null;
		}
		Matcher matcher = STATUS_PREFIX.matcher(message.strip());
		String text = matcher.matches() ? matcher.group(1) : message;
		return text.isBlank() ? null : text;
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

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

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * The one error translator of the wire: turns what Reactor Netty, the codecs and the
 * server say into {@link MlxLmException}s with a {@link MlxLmException.Reason reason}, a
 * message that names the URL, and no secret in it.
 *
 * @author mlxlm developers
 */
final class MlxLmErrors {

	/**
	 * How much of an error body that is not JSON is kept: enough to recognise the page.
	 */
	static final int MAX_ERROR_TEXT = 200;

	private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");

	private final JsonMapper jsonMapper;

	private final @Nullable String apiKey;

	private final MlxLmConnection connection;

	MlxLmErrors(MlxLmConnection connection, JsonMapper jsonMapper) {
		this.connection = connection;
		this.apiKey = connection.apiKey();
		this.jsonMapper = jsonMapper;
	}

	/*
	 * Remove the api key and any bearer token from a text that came from outside (an
	 * error body may echo the request's {@code Authorization} header).
	 *
	 * @param text the text
	 *
	 * @return the text without secrets
	 */
	String scrub(String text) {
		String scrubbed = text;
		if (this.apiKey != null) {
			scrubbed = scrubbed.replace(this.apiKey, "******");
		}
		return BEARER.matcher(scrubbed).replaceAll("$1******");
	}

	/*
	 * Say where a call went: its URL and, when a load balancer sent it to a server the
	 * URL does not name (an {@code lb://} URL), that server.
	 *
	 * @param url the URL of the call
	 *
	 * @param server the server it went to, as {@code host:port}, or {@code null}
	 *
	 * @return the URL, with the server when it adds anything
	 */
	static String at(URI url, @Nullable String server) {
		return (server != null && !server.equals(MlxLmEndpoint.serverName(url))) ? url + " (server " + server + ")"
				: url.toString();
	}

	MlxLmHttpException httpError(URI url, int status, byte[] body) {
		return httpError(url, null, status, body);
	}

	MlxLmHttpException httpError(URI url, @Nullable String server, int status, byte[] body) {
		String serverError = errorText(body);
		String message = "MLX-LM server at " + at(url, server) + " answered HTTP " + status
				+ ((serverError != null) ? ": " + serverError : " with an empty body");
		return new MlxLmHttpException(message, url.toString(), status, serverError);
	}

	/*
	 * Read the server's error text: {@code {"error": "text"}} (the server's own shape),
	 * an OpenAI-style {@code {"error": {"message": "text"}}} (from a proxy in front), or
	 * the start of a plain body such as {@code Not Found} or a proxy's HTML page;
	 * scrubbed of secrets.
	 */
	@Nullable String errorText(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			JsonNode root = this.jsonMapper.readTree(text);
			JsonNode error = (root != null && root.isObject()) ? root.get("error") : null;
			if (error != null && error.isString()) {
				return scrub(error.stringValue());
			}
			JsonNode message = (error != null && error.isObject()) ? error.get("message") : null;
			if (message != null && message.isString()) {
				return scrub(message.stringValue());
			}
		}
		catch (JacksonException ex) {
			// Not JSON: the start of the plain body is the message.
		}
		String start = (text.length() > MAX_ERROR_TEXT) ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
		return scrub(start.replaceAll("\\s+", " "));
	}

	MlxLmException translate(URI url, Throwable ex, boolean post) {
		return translate(url, null, ex, post);
	}

	MlxLmException translate(URI url, @Nullable String server, Throwable ex, boolean post) {
		if (ex instanceof MlxLmException mlx) {
			return mlx;
		}
		String target = url.toString();
		Throwable cause = safe(ex);
		String at = at(url, server);
		if (hasCause(ex, DataBufferLimitException.class)) {
			return new MlxLmResponseException(
					"MLX-LM server at " + at + " sent a reply larger than the limit of "
							+ this.connection.maxReplyBytes() + " bytes",
					target, MlxLmException.Reason.TOO_LARGE, cause);
		}
		if (hasCause(ex, ReadTimeoutException.class)) {
			return new MlxLmConnectionException("MLX-LM server at " + at
					+ " was silent for longer than the read timeout of " + format(this.connection.readTimeout()),
					target, MlxLmException.Reason.READ_TIMEOUT, cause);
		}
		if (hasCause(ex, ConnectTimeoutException.class)) {
			return new MlxLmConnectionException(
					"Could not connect to MLX-LM server at " + at + " within "
							+ format(this.connection.connectTimeout()),
					target, MlxLmException.Reason.CONNECT_TIMEOUT, cause);
		}
		if (hasCause(ex, ConnectException.class)) {
			return new MlxLmConnectionException(
					"Could not connect to MLX-LM server at " + at + ": " + scrub(rootMessage(ex)), target,
					MlxLmException.Reason.REFUSED, cause);
		}
		if (hasCause(ex, UnknownHostException.class)) {
			return new MlxLmConnectionException(
					"Could not connect to MLX-LM server at " + at + ": unknown host " + scrub(rootMessage(ex)), target,
					MlxLmException.Reason.REFUSED, cause);
		}
		if (hasCause(ex, PrematureCloseException.class)) {
			String message = String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			boolean beforeReply = message.contains("BEFORE response");
			return new MlxLmConnectionException("MLX-LM server at " + at + " closed the connection "
					+ (beforeReply
							? "without a reply"
									+ (post ? " (a rejected request parameter, or a server that stopped)" : "")
							: "before its reply was complete"),
					target, MlxLmException.Reason.CLOSED, cause);
		}
		if (hasCause(ex, JacksonException.class) || hasCause(ex, CodecException.class)) {
			return malformed(url, rootMessage(ex), ex);
		}
		if (hasCause(ex, IOException.class)) {
			return new MlxLmConnectionException(
					"MLX-LM server at " + at + " closed the connection: " + scrub(rootMessage(ex)), target,
					MlxLmException.Reason.CLOSED, cause);
		}
		return new MlxLmConnectionException("The call to MLX-LM server at " + at + " failed: " + scrub(rootMessage(ex)),
				target, MlxLmException.Reason.CLOSED, cause);
	}

	/**
	 * Say that a reply could not be read. The one place such messages are built: what is
	 * said of the reply (its content type, a parser's message quoting its bytes) came
	 * from the server, so it is scrubbed here.
	 * @param url the URL of the call
	 * @param what what is wrong with the reply
	 * @param cause the parser's exception, or {@code null}
	 * @return the exception
	 */
	MlxLmResponseException malformed(URI url, String what, @Nullable Throwable cause) {
		return new MlxLmResponseException("MLX-LM server at " + url + " sent an unreadable reply: " + scrub(what),
				url.toString(), MlxLmException.Reason.MALFORMED, (cause != null) ? safe(cause) : null);
	}

	/**
	 * Return a cause fit to keep: one whose messages (a parser's quoting the server's
	 * bytes, say) hold a secret is left out, so that no stack trace shows it.
	 * @param cause the cause
	 * @return the cause, or {@code null} when one of its messages holds a secret
	 */
	@Nullable Throwable safe(Throwable cause) {
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			String message = candidate.getMessage();
			if (message != null && !message.equals(scrub(message))) {
				return null;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return cause;
	}

	static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

	static String rootMessage(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}

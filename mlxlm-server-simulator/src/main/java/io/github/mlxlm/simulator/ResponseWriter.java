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

package io.github.mlxlm.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes replies byte for byte as Python's {@code BaseHTTPRequestHandler} plus mlx-lm's
 * header helpers do: {@code HTTP/1.0}, {@code Server} and {@code Date} first, then the
 * handler's headers in the order it sends them.
 *
 * @author mlxlm developers
 */
final class ResponseWriter {

	static final String SERVER = "BaseHTTP/0.6 Python/3.11.7";

	/* {@code email.utils.formatdate(usegmt=True)}: the day is zero-padded. */
	private static final DateTimeFormatter DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter LOG_DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final Map<Integer, String> REASONS = Map.of(200, "OK", 204, "No Content", 400, "Bad Request", 404,
			"Not Found", 411, "Length Required", 501, "Not Implemented");

	private final OutputStream out;

	private final Clock clock;

	private final @Nullable String client;

	private String requestLine = "";

	/*
	 * @param client the client address for Python-style log lines on stderr, or {@code
	 * null} for no logging
	 */
	ResponseWriter(OutputStream out, Clock clock, @Nullable String client) {
		this.out = out;
		this.clock = clock;
		this.client = client;
	}

	void requestLine(String line) {
		this.requestLine = line;
	}

	private StringBuilder statusLine(int code, String reason) {
		if (this.client != null) {
			System.err.println(this.client + " - - [" + LOG_DATE.format(this.clock.instant()) + "] \""
					+ this.requestLine + "\" " + code + " -");
		}
		return new StringBuilder("HTTP/1.0 ").append(code)
			.append(' ')
			.append(reason)
			.append("\r\n")
			.append("Server: ")
			.append(SERVER)
			.append("\r\n")
			.append("Date: ")
			.append(DATE.format(this.clock.instant()))
			.append("\r\n");
	}

	/*
	 * mlx-lm's {@code _set_completion_headers} / {@code _set_stream_headers} plus {@code
	 * end_headers}.
	 */
	void mlxHead(int code, boolean sse, @Nullable Integer contentLength) throws IOException {
		StringBuilder sb = statusLine(code, REASONS.getOrDefault(code, ""));
		sb.append("Content-type: ").append(sse ? "text/event-stream" : "application/json").append("\r\n");
		if (sse) {
			sb.append("Cache-Control: no-cache\r\n");
		}
		sb.append("Access-Control-Allow-Origin: *\r\n")
			.append("Access-Control-Allow-Methods: *\r\n")
			.append("Access-Control-Allow-Headers: *\r\n");
		if (contentLength != null) {
			sb.append("Content-Length: ").append(contentLength).append("\r\n");
		}
		sb.append("\r\n");
		write(sb.toString());
	}

	/*
	 * A complete mlx-lm JSON reply without {@code Content-Length} (error bodies, health,
	 * models).
	 */
	void json(int code, String body) throws IOException {
		mlxHead(code, false, null);
		write(body);
	}

	/*
	 * Python's {@code send_error}: its own HTML page, {@code Connection: close}, no CORS.
	 */
	void pythonError(int code, String message, String explain, boolean head) throws IOException {
		String html = "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
				+ "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
				+ "        <p>Error code: " + code + "</p>\n        <p>Message: " + escape(message) + ".</p>\n"
				+ "        <p>Error code explanation: " + code + " - " + escape(explain)
				+ ".</p>\n    </body>\n</html>\n";
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		StringBuilder sb = statusLine(code, message);
		sb.append("Connection: close\r\n")
			.append("Content-Type: text/html;charset=utf-8\r\n")
			.append("Content-Length: ")
			.append(body.length)
			.append("\r\n\r\n");
		write(sb.toString());
		if (!head) {
			this.out.write(body);
		}
		this.out.flush();
	}

	/* {@code html.escape(s, quote=False)}. */
	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/*
	 * Writes bytes without flushing, for a long body written in pieces; {@link #flush()}
	 * ends it.
	 */
	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
	}

	void flush() throws IOException {
		this.out.flush();
	}

	/*
	 * Writes text as UTF-8 (JSON output is pure ASCII anyway) and flushes, like an
	 * unbuffered wfile.
	 */
	void write(String text) throws IOException {
		this.out.write(text.getBytes(StandardCharsets.UTF_8));
		this.out.flush();
	}

}

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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads a request the way Python's {@code BaseHTTPRequestHandler} does: a request line,
 * header lines up to a blank line, and nothing more; the body is read later, only by
 * handlers that want it, and only by {@code Content-Length}.
 *
 * @author mlxlm developers
 */
final class HttpRequestParser {

	private HttpRequestParser() {
	}

	/*
	 * Reads the request head.
	 *
	 * @return the head, or {@code null} when the client closed without sending a line
	 */
	static @Nullable Head readHead(InputStream in) throws IOException {
		String requestLine = readLine(in);
		if (requestLine == null || requestLine.isEmpty()) {
			return null;
		}
		String[] words = requestLine.split("\\s+");
		if (words.length != 3 || !words[2].startsWith("HTTP/")) {
			throw new BadRequestLine(requestLine);
		}
		List<RecordedRequest.Header> headers = new ArrayList<>();
		while (true) {
			String line = readLine(in);
			if (line == null || line.isEmpty()) {
				break;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.add(new RecordedRequest.Header(line.substring(0, colon), line.substring(colon + 1).trim()));
			}
		}
		return new Head(words[0], words[1], words[2], headers);
	}

	/*
	 * Reads exactly {@code length} bytes, or fewer when the client closes first (like
	 * {@code rfile.read(n)}).
	 */
	static byte[] readBody(InputStream in, int length) throws IOException {
		return in.readNBytes(length);
	}

	private static @Nullable String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		boolean any = false;
		while ((b = in.read()) != -1) {
			any = true;
			if (b == '\n') {
				break;
			}
			line.write(b);
		}
		if (!any) {
			return null;
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/* A request head. */
	record Head(String method, String path, String version, List<RecordedRequest.Header> headers) {

		@Nullable String header(String name) {
			for (RecordedRequest.Header h : this.headers) {
				if (h.name().equalsIgnoreCase(name)) {
					return h.value();
				}
			}
			return null;
		}
	}

	/* The request line could not be parsed; Python answers 400 with its HTML page. */
	static final class BadRequestLine extends IOException {

		private static final long serialVersionUID = 1L;

		final String line;

		BadRequestLine(String line) {
			super(line);
			this.line = line;
		}

	}

}

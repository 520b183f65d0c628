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
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw socket client: writes bytes, reads the whole reply until EOF. */
final class Raw {

	private Raw() {
	}

	static byte[] exchangeBytes(int port, byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000); // a safety net against a hung test, not
											// synchronisation
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return readToEof(socket.getInputStream());
		}
	}

	static byte[] readToEof(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		try {
			int n;
			while ((n = in.read(buf)) != -1) {
				all.write(buf, 0, n);
			}
		}
		catch (SocketException reset) {
			// a reset ends the reply too; callers that care use exchangeExpectingReset
		}
		return all.toByteArray();
	}

	static String exchange(int port, String request) throws IOException {
		return new String(exchangeBytes(port, request.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
	}

	static Reply parse(String raw) {
		int split = raw.indexOf("\r\n\r\n");
		String head = (split < 0) ? raw : raw.substring(0, split);
		String body = (split < 0) ? "" : raw.substring(split + 4);
		String[] lines = head.split("\r\n");
		List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
		return new Reply(lines[0], headers, body, raw);
	}

	static Reply get(int port, String path) throws IOException {
		return parse(exchange(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
	}

	static String postRequest(String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length + "\r\n\r\n" + json;
	}

	static Reply post(int port, String path, String json) throws IOException {
		return parse(exchange(port, postRequest(path, json)));
	}

	static String postRaw(int port, String path, String json) throws IOException {
		return exchange(port, postRequest(path, json));
	}

	/** A reply split at the blank line. */
	record Reply(String statusLine, List<String> headerLines, String body, String raw) {

		List<String> headerNames() {
			return this.headerLines.stream().map((h) -> h.substring(0, h.indexOf(':'))).toList();
		}

		String header(String name) {
			return this.headerLines.stream()
				.filter((h) -> h.startsWith(name + ": "))
				.map((h) -> h.substring(name.length() + 2))
				.findFirst()
				.orElseThrow();
		}
	}

}

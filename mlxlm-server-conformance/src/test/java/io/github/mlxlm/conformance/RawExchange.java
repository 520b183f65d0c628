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

package io.github.mlxlm.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw HTTP exchange on its own connection: the request's bytes as given, the reply's
 * bytes until the server closes the connection (mlx_lm.server's replies are
 * close-delimited HTTP/1.0). No HTTP library in between, so that the ring sees exactly
 * what the server writes, including a connection closed without a reply.
 *
 * @author mlxlm developers
 */
final class RawExchange {

	private RawExchange() {
	}

	/**
	 * Send a request and read the whole reply.
	 * @param port the server's loopback port
	 * @param request the request bytes
	 * @return the reply's bytes (empty when the server closed without a reply)
	 */
	static byte[] exchange(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			ByteArrayOutputStream reply = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			try {
				int n;
				while ((n = in.read(buffer)) != -1) {
					reply.write(buffer, 0, n);
				}
			}
			catch (SocketTimeoutException ex) {
				throw new IllegalStateException(
						"No end of reply within 10 s: " + reply.toString(StandardCharsets.UTF_8), ex);
			}
			catch (IOException ex) {
				// A reset after the reply (or instead of one) ends it too.
			}
			return reply.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach 127.0.0.1:" + port, ex);
		}
	}

	/**
	 * Build a POST with a JSON body and its {@code Content-Length}.
	 * @param path the path
	 * @param json the body
	 * @return the request bytes
	 */
	static byte[] post(String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		return request;
	}

	/**
	 * Build a request without a body.
	 * @param method the method
	 * @param path the path
	 * @return the request bytes
	 */
	static byte[] request(String method, String path) {
		return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

}

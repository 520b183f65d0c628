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

package io.github.mlxlm.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A server of {@link MlxLmBackgroundPreinitializer}'s own, on the loopback interface and
 * an ephemeral port, that answers each request as mlx_lm.server frames its replies
 * (HTTP/1.0, the body ended by closing the connection): a model listing for a
 * {@code GET}, a one-chunk event stream for anything else. Through it the first real
 * call's path (channel, pipeline, codec, buffers, the close that ends the body) is loaded
 * and run before the application makes that call, without a connection to any server of
 * the application. Hand-written because no server of the JDK or of the class path frames
 * replies this way, and the pre-initializer must not start a web server.
 *
 * @author mlxlm developers
 */
final class MlxLmPreinitializationServer implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 10_000;

	private static final int MAX_HEAD_BYTES = 16 * 1024;

	private final ServerSocket socket;

	private final String jsonReply;

	private final String streamReply;

	private MlxLmPreinitializationServer(ServerSocket socket, String jsonReply, String streamReply) {
		this.socket = socket;
		this.jsonReply = jsonReply;
		this.streamReply = streamReply;
	}

	/**
	 * Start answering, on a daemon thread, until closed.
	 * @param jsonReply the body of a {@code GET}'s reply
	 * @param streamReply the body of any other request's reply (server-sent events)
	 * @return the running server
	 * @throws IOException if the loopback interface refuses a listening socket
	 */
	static MlxLmPreinitializationServer start(String jsonReply, String streamReply) throws IOException {
		ServerSocket socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
		socket.setSoTimeout(TIMEOUT_MILLIS);
		MlxLmPreinitializationServer server = new MlxLmPreinitializationServer(socket, jsonReply, streamReply);
		Thread thread = new Thread(server::serve, "mlxlm-background-preinit-server");
		thread.setDaemon(true);
		thread.start();
		return server;
	}

	/**
	 * Return the base URL of the server's API.
	 * @return a URL such as {@code http://127.0.0.1:40123/v1}
	 */
	String baseUrl() {
		InetAddress address = this.socket.getInetAddress();
		String host = (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]"
				: address.getHostAddress();
		return "http://" + host + ":" + this.socket.getLocalPort() + "/v1";
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				connection.setSoTimeout(TIMEOUT_MILLIS);
				answer(connection);
			}
			catch (IOException ex) {
				// Closed, timed out or a client that went away: the pre-initializer only
				// loses its head start.
			}
		}
	}

	private void answer(Socket connection) throws IOException {
		InputStream in = connection.getInputStream();
		String head = readHead(in);
		in.readNBytes(contentLength(head));
		boolean get = head.startsWith("GET ");
		String reply = "HTTP/1.0 200 OK\r\nContent-Type: " + (get ? "application/json" : "text/event-stream")
				+ "\r\n\r\n" + (get ? this.jsonReply : this.streamReply);
		OutputStream out = connection.getOutputStream();
		out.write(reply.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4 && head.size() < MAX_HEAD_BYTES) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed before the end of the request head");
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
				return Math.min(Integer.parseInt(line.substring(colon + 1).trim()), MAX_HEAD_BYTES * 64);
			}
		}
		return 0;
	}

}

package io.github.mlxlm.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MlxLmClient} against a loopback server that answers exactly as
 * {@code mlx_lm.server} does on the wire: {@code HTTP/1.0}, no {@code Content-Length}, body ended
 * by closing the connection. WireMock cannot send such replies.
 */
class MlxLmClientHttp10Tests {

	static final Duration VERIFY = Duration.ofSeconds(5);

	private ServerSocket serverSocket;

	private Thread acceptor;

	private final AtomicInteger connections = new AtomicInteger();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private volatile String modelsBody = "{\"object\": \"list\", \"data\": [{\"id\": \"mlx-community/Qwen3-4B-4bit\", "
			+ "\"object\": \"model\", \"created\": 1766400000}, {\"id\": \"/models/local\", \"object\": \"model\", "
			+ "\"created\": 1766400000}]}";

	@BeforeEach
	void startServer() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::serve, "http10-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	@AfterEach
	void stopServer() throws Exception {
		this.serverSocket.close();
		this.acceptor.join(2000);
	}

	private void serve() {
		while (!this.serverSocket.isClosed()) {
			try (Socket socket = this.serverSocket.accept()) {
				this.connections.incrementAndGet();
				String requestLine = readHead(socket.getInputStream());
				String target = requestLine.split(" ")[1];
				this.requests.computeIfAbsent(requestLine, (key) -> new AtomicInteger()).incrementAndGet();
				String body = switch (target) {
					case "/health" -> "{\"status\": \"ok\"}";
					case "/v1/models" -> this.modelsBody;
					default -> "Not Found";
				};
				String status = (target.equals("/health") || target.equals("/v1/models")) ? "200 OK" : "404 Not Found";
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.0 " + status + "\r\n" + "Server: BaseHTTP/0.6 Python/3.12.8\r\n"
						+ "Date: Wed, 25 Nov 2026 10:00:00 GMT\r\n" + "Content-type: application/json\r\n"
						+ "Access-Control-Allow-Origin: *\r\n" + "Access-Control-Allow-Methods: *\r\n"
						+ "Access-Control-Allow-Headers: *\r\n\r\n" + body)
					.getBytes(StandardCharsets.UTF_8));
				out.flush();
				// Closing the socket is what ends the body.
			}
			catch (IOException ex) {
				// Server socket closed at the end of the test, or a client gave up.
			}
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int b;
		while (matched < 4 && (b = in.read()) != -1) {
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.substring(0, text.indexOf("\r\n"));
	}

	private MlxLmClient client() {
		return MlxLmClient.builder().baseUrl("http://127.0.0.1:" + this.serverSocket.getLocalPort() + "/v1").build();
	}

	@Test
	void eachCallOpensItsOwnConnectionAndArrivesExactlyOnce() {
		MlxLmClient client = client();
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(client.isRunning()).expectNext(true).expectComplete().verify(VERIFY);
			StepVerifier.create(client.listModels())
				.expectNextMatches((models) -> models.size() == 2)
				.expectComplete()
				.verify(VERIFY);
		}
		await().atMost(VERIFY).untilAsserted(() -> {
			assertThat(this.connections).hasValue(6);
			assertThat(this.requests).containsOnlyKeys("GET /health HTTP/1.1", "GET /v1/models HTTP/1.1");
			assertThat(this.requests.values()).allSatisfy((count) -> assertThat(count).hasValue(3));
		});
	}

	@Test
	void closeDelimitedListingIsReadToTheEnd() {
		StepVerifier.create(client().listModels())
			.expectNext(List.of(new MlxLmModel("mlx-community/Qwen3-4B-4bit", "model", 1766400000L),
					new MlxLmModel("/models/local", "model", 1766400000L)))
			.expectComplete()
			.verify(VERIFY);
	}

	@Test
	void closeDelimitedEmptyListingMeansNoModels() {
		this.modelsBody = "";
		StepVerifier.create(client().listModels()).expectNext(List.of()).expectComplete().verify(VERIFY);
	}

	@Test
	void statusReadsCloseDelimitedRepliesOfBothRoutes() {
		StepVerifier.create(client().status()).assertNext((status) -> {
			assertThat(status.connected()).isTrue();
			assertThat(status.modelId()).isEqualTo("/models/local");
			assertThat(status.metadata()).containsEntry("status", "ok");
		}).expectComplete().verify(VERIFY);
	}

	@Test
	void unknownPathPlainTextBodyBecomesServerError() {
		MlxLmClient client = MlxLmClient.builder()
			.baseUrl("http://127.0.0.1:" + this.serverSocket.getLocalPort() + "/api/v1")
			.build();
		StepVerifier.create(client.detectModel())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(MlxLmHttpException.class,
					(http) -> assertThat(http.serverError()).isEqualTo("Not Found")))
			.verify(VERIFY);
	}

}

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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One connection, one request, one reply, then close: Python's
 * {@code ThreadingHTTPServer} with mlx-lm's handler. The order of checks is the server's:
 * path, {@code Content-Length}, JSON, dictionary, parameters (dropped connection), then
 * in the generation thread's turn ({@link Scheduler}) model load (404), messages and
 * tokenization (404), generation.
 *
 * @author mlxlm developers
 */
final class ConnectionHandler implements Runnable {

	private static final Set<String> COMPLETION_PATHS = Set.of("/v1/chat/completions", "/chat/completions",
			"/v1/completions");

	/**
	 * The server's prompt-processing step in keep-alive progress reports (the
	 * simulator's, not 2048).
	 */
	private static final int PREFILL_STEP = 512;

	private final MlxLmSimulator sim;

	private final Socket socket;

	private final ResponseWriter out;

	private long created;

	ConnectionHandler(MlxLmSimulator sim, Socket socket) throws IOException {
		this.sim = sim;
		this.socket = socket;
		this.out = new ResponseWriter(new BufferedOutputStream(socket.getOutputStream()), sim.clock(),
				sim.logRequests() ? socket.getInetAddress().getHostAddress() : null);
	}

	@Override
	public void run() {
		try {
			handle();
			closeGracefully();
		}
		catch (DropConnection | IOException | RuntimeException ex) {
			closeGracefully();
		}
		catch (InterruptedException ex) {
			closeGracefully();
			Thread.currentThread().interrupt();
		}
		finally {
			this.sim.connectionDone(this.socket);
		}
	}

	/* Like {@code socketserver.shutdown_request}: half-close, then close. */
	private void closeGracefully() {
		try {
			if (!this.socket.isClosed()) {
				this.socket.shutdownOutput();
			}
		}
		catch (IOException ignored) {
			// the peer is gone already
		}
		try {
			this.socket.close();
		}
		catch (IOException ignored) {
			// nothing left to do
		}
	}

	private void handle() throws IOException, InterruptedException, DropConnection {
		Faults faults = this.sim.faults();
		if (faults.closingOnAccept()) {
			return;
		}
		InputStream in = new BufferedInputStream(this.socket.getInputStream());
		HttpRequestParser.Head head;
		try {
			head = HttpRequestParser.readHead(in);
		}
		catch (HttpRequestParser.BadRequestLine ex) {
			this.sim.record(new RecordedRequest("", ex.line, "", List.of(), new byte[0]));
			this.out.pythonError(400, "Bad request syntax (" + pyRepr(ex.line) + ")",
					"Bad request syntax or unsupported method", false);
			return;
		}
		if (head == null) {
			return;
		}
		this.out.requestLine(head.method() + " " + head.path() + " " + head.version());
		this.created = this.sim.clock().instant().getEpochSecond();
		switch (head.method()) {
			case "GET" -> {
				beforeReply(head, new byte[0]);
				doGet(head);
			}
			case "POST" -> doPost(head, in);
			case "OPTIONS" -> {
				beforeReply(head, new byte[0]);
				this.out.mlxHead(204, false, null);
			}
			default -> {
				beforeReply(head, new byte[0]);
				this.out.pythonError(501, "Unsupported method (" + pyRepr(head.method()) + ")",
						"Server does not support this operation", "HEAD".equals(head.method()));
			}
		}
	}

	/* Records the request, then applies the faults that act before the status line. */
	private void beforeReply(HttpRequestParser.Head head, byte[] body)
			throws IOException, InterruptedException, DropConnection {
		this.sim.record(new RecordedRequest(head.method(), head.path(), head.version(), head.headers(), body));
		Faults faults = this.sim.faults();
		if (faults.resetting()) {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
			throw new DropConnection();
		}
		if (!faults.awaitHang()) {
			throw new DropConnection();
		}
	}

	private void doGet(HttpRequestParser.Head head) throws IOException {
		String path = head.path();
		if (path.startsWith("/v1/models")) {
			models(path);
		}
		else if (path.equals("/health")) {
			this.out.json(200, "{\"status\": \"ok\"}");
		}
		else {
			this.out.json(404, "Not Found");
		}
	}

	private void models(String path) throws IOException {
		// Headers go out before the cache scan, so "no cache" is a 200 with an empty
		// body.
		this.out.mlxHead(200, false, null);
		List<String> ids = this.sim.registry().listed();
		if (ids == null) {
			return;
		}
		String[] parts = path.split("/", -1);
		String filter = (parts.length > 3) ? String.join("/", List.of(parts).subList(3, parts.length)) : null;
		List<Object> data = new ArrayList<>();
		for (String id : ids) {
			if (filter == null || filter.equals(id)) {
				data.add(obj("id", id, "object", "model", "created", this.created));
			}
		}
		this.out.write(PyJson.write(obj("object", "list", "data", data)));
	}

	private void doPost(HttpRequestParser.Head head, InputStream in)
			throws IOException, InterruptedException, DropConnection {
		if (!COMPLETION_PATHS.contains(head.path())) {
			beforeReply(head, new byte[0]);
			this.out.json(404, "Not Found");
			return;
		}
		String lengthHeader = head.header("Content-Length");
		if (lengthHeader == null) {
			beforeReply(head, new byte[0]);
			this.out.json(411, error("Content-Length header is required"));
			return;
		}
		int length;
		try {
			length = Integer.parseInt(lengthHeader.trim());
		}
		catch (NumberFormatException ex) {
			beforeReply(head, new byte[0]);
			this.out.json(400, error("Invalid Content-Length header")); // since 0.31.2;
																		// older
			// versions dropped
			return;
		}
		if (length < 0) {
			beforeReply(head, new byte[0]);
			throw new DropConnection();
		}
		byte[] raw = HttpRequestParser.readBody(in, length);
		beforeReply(head, raw);

		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(raw))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new DropConnection(); // UnicodeDecodeError is not caught by the server
		}
		Object body;
		try {
			body = PyJson.parse(text);
		}
		catch (PyJson.DecodeException ex) {
			this.out.json(400, error("Invalid JSON in request body: " + ex.getMessage()));
			return;
		}
		if (!(body instanceof Map<?, ?>)) {
			this.out.json(400, error("Request should be a JSON dictionary"));
			return;
		}
		boolean chat = !head.path().equals("/v1/completions");
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) body;
		CompletionRequest request;
		try {
			request = CompletionRequest.parse(map, chat);
		}
		catch (CompletionRequest.Drop ex) {
			throw new DropConnection();
		}
		if (!this.sim.faults().awaitGeneration()) {
			throw new DropConnection();
		}
		String requestedModel = request.model();
		Scheduler.Slot slot = this.sim.scheduler()
			.acquire(() -> this.sim.registry().wouldLoad(requestedModel), request.seeded());
		if (slot == null) {
			throw new DropConnection();
		}
		try {
			generate(request, chat);
		}
		finally {
			slot.close();
		}
	}

	/*
	 * What the generation thread does once the request has its turn: load, tokenize,
	 * generate.
	 */
	private void generate(CompletionRequest request, boolean chat)
			throws IOException, InterruptedException, DropConnection {
		String model;
		try {
			model = this.sim.registry().select(request.model());
		}
		catch (ModelRegistry.LoadException ex) {
			this.out.json(404, error(String.valueOf(ex.getMessage())));
			return;
		}
		String messagesError = chat ? request.messagesError() : null;
		if (messagesError != null) {
			this.out.json(404, error(messagesError));
			return;
		}
		String rendered = chat ? Generator.renderChat(request.messages(), request.tools()) : request.prompt();
		if (request.promptNotText() || request.promptHasLoneSurrogate(rendered)) {
			this.out.json(404, error(CompletionRequest.TOKENIZER_STR_ERROR));
			return;
		}
		if (request.stopError() != null) {
			if (request.seeded()) {
				this.out.json(404, error(request.stopError())); // _serve_single builds
																// the
				// stop matcher inside its try
				return;
			}
			// The batching path builds the stop matcher outside any try: the generation
			// thread dies, this request and every later completion hang, /health stays
			// ok.
			this.sim.faults().deadGenerationThread(true);
			this.sim.faults().awaitGeneration();
			throw new DropConnection();
		}
		complete(request, model, rendered, chat);
	}

	private void complete(CompletionRequest request, String model, String rendered, boolean chat)
			throws IOException, InterruptedException, DropConnection {
		Generator generator = this.sim.generator();
		Reply reply = generator.choose(request.latestMessage(), request.lastUserMessage(), request.promptText());
		if (reply.repeat() > 1) {
			completeRepeated(request, model, rendered, chat, reply);
			return;
		}
		// max_tokens 0: the batch generator counts a token before comparing, so one token
		// comes back with "length"; stream_generate (the unbatched path, e.g. with a
		// seed) fails instead.
		boolean zeroBudget = request.maxTokens() == 0;
		boolean crashesOnZeroBudget = zeroBudget && request.seeded();
		Generator.Plan plan = generator.plan(rendered, reply, request.tools(), zeroBudget ? 1 : request.maxTokens(),
				request.stop());
		int cached = this.sim.promptCache().lookup(model, plan.prompt());
		int uncached = plan.promptTokens() - cached;
		String id = (chat ? "chatcmpl-" : "cmpl-") + this.sim.newId();
		String echo = (request.model() == null) ? "default_model" : request.model();
		String object = chat ? "chat.completion" : "text_completion";

		if (!request.stream()) {
			prefill(uncached, null);
			if (crashesOnZeroBudget) {
				throw new DropConnection(); // UnboundLocalError in stream_generate:
											// headers never flushed
			}
			decode(plan.completionTokens());
			finished(model, plan, cached, false);
			Map<String, Object> choice = obj("index", 0, "finish_reason", plan.finishReason());
			Map<String, Object> logprobs = Logprobs.of(plan.generated(), request.logprobs(), request.topLogprobs());
			if (logprobs != null) {
				choice.put("logprobs", logprobs);
			}
			if (chat) {
				Map<String, Object> message = obj("role", "assistant", "content",
						plan.content().isEmpty() ? null : plan.content());
				if (!plan.reasoning().isEmpty()) {
					message.put("reasoning", plan.reasoning());
				}
				if (plan.toolCall() != null) {
					message.put("tool_calls", List.of(toolCall(plan.toolCall(), null)));
				}
				choice.put("message", message);
			}
			else {
				choice.put("text", plan.content());
			}
			Map<String, Object> reply0 = obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object",
					object, "model", echo, "created", this.created, "choices", List.of(choice), "usage",
					usage(plan, cached));
			byte[] bytes = PyJson.write(reply0).getBytes(StandardCharsets.UTF_8);
			this.out.mlxHead(200, false, bytes.length);
			this.out.write(new String(bytes, StandardCharsets.UTF_8));
			return;
		}

		this.out.mlxHead(200, true, null);
		prefill(uncached, this.out);
		if (crashesOnZeroBudget) {
			throw new DropConnection(); // the stream ends after its keep-alive comments
		}
		Streamer streamer = new Streamer(this.sim.faults());
		String chunkObject = chat ? "chat.completion.chunk" : "text_completion";
		for (Generator.Emission e : plan.emissions()) {
			decode(1);
			Map<String, Object> choice = obj("index", 0, "finish_reason", null);
			if (chat) {
				Map<String, Object> delta = obj("role", "assistant");
				switch (e.kind()) {
					case REASONING -> delta.put("reasoning", e.text());
					case CONTENT -> delta.put("content", e.text());
					case TOOL -> delta.put("tool_calls", List.of(toolCall(plan.toolCall(), 0)));
				}
				choice.put("delta", delta);
			}
			else {
				choice.put("text", e.text());
			}
			streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", chunkObject,
					"model", echo, "created", this.created, "choices", List.of(choice)));
		}
		finished(model, plan, cached, true);
		Map<String, Object> last = obj("index", 0, "finish_reason", plan.finishReason());
		if (chat) {
			last.put("delta", obj("role", "assistant"));
		}
		else {
			last.put("text", "");
		}
		streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", chunkObject, "model",
				echo, "created", this.created, "choices", List.of(last)));
		if (request.streamUsage() == CompletionRequest.StreamUsage.BROKEN) {
			throw new DropConnection(); // KeyError on stream_options["include_usage"]
		}
		if (request.streamUsage() == CompletionRequest.StreamUsage.INCLUDE) {
			streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", "chat.completion",
					"model", echo, "created", this.created, "choices", List.of(), "usage", usage(plan, cached)));
		}
		streamer.sendRaw("[DONE]");
	}

	/*
	 * A {@link Reply#repeated(String, long) repeated} reply: the same wire format,
	 * produced piece by piece so that many megabytes never sit in memory.
	 */
	private void completeRepeated(CompletionRequest request, String model, String rendered, boolean chat, Reply reply)
			throws IOException, InterruptedException, DropConnection {
		List<String> prompt = Generator.tokenize(rendered);
		List<String> pieceTokens = Generator.tokenize(reply.text());
		long budget = Math.max(1, request.maxTokens());
		long total = pieceTokens.size() * reply.repeat();
		long emitted = Math.min(total, budget);
		long wholePieces = emitted / pieceTokens.size();
		String partial = String.join("", pieceTokens.subList(0, (int) (emitted % pieceTokens.size())));
		String finish = (total < budget) ? "stop" : "length";
		int completionTokens = (int) Math.min(Integer.MAX_VALUE, emitted + ((total < budget) ? 1 : 0));
		String finishReason = (reply.finishReason() != null) ? reply.finishReason() : finish;
		int cached = this.sim.promptCache().lookup(model, prompt);
		String id = (chat ? "chatcmpl-" : "cmpl-") + this.sim.newId();
		String echo = (request.model() == null) ? "default_model" : request.model();
		Map<String, Object> usage = obj("prompt_tokens", prompt.size(), "completion_tokens", completionTokens,
				"total_tokens", prompt.size() + completionTokens, "prompt_tokens_details",
				obj("cached_tokens", cached));
		Runnable finished = () -> {
			this.sim.promptCache().insert(model, prompt);
			this.sim.recordGeneration(new GenerationRecord(model, prompt.size(), cached, completionTokens, finishReason,
					request.stream()));
		};

		if (!request.stream()) {
			prefill(prompt.size() - cached, null);
			decode(completionTokens);
			finished.run();
			// The text goes where a marker stands in the JSON; its escaped form repeats
			// piece by piece.
			String marker = "\0\0repeated reply\0\0";
			Map<String, Object> choice = obj("index", 0, "finish_reason", finishReason);
			choice.put(chat ? "message" : "text", chat ? obj("role", "assistant", "content", marker) : marker);
			String json = PyJson.write(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object",
					chat ? "chat.completion" : "text_completion", "model", echo, "created", this.created, "choices",
					List.of(choice), "usage", usage));
			String escapedMarker = PyJson.write(marker);
			int at = json.indexOf(escapedMarker);
			byte[] head = (json.substring(0, at) + "\"").getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\"" + json.substring(at + escapedMarker.length())).getBytes(StandardCharsets.UTF_8);
			String escapedPiece = PyJson.write(reply.text());
			byte[] piece = escapedPiece.substring(1, escapedPiece.length() - 1).getBytes(StandardCharsets.UTF_8);
			String escapedPartial = PyJson.write(partial);
			byte[] rest = escapedPartial.substring(1, escapedPartial.length() - 1).getBytes(StandardCharsets.UTF_8);
			long length = head.length + tail.length + wholePieces * piece.length + rest.length;
			if (length > Integer.MAX_VALUE) {
				throw new DropConnection(); // beyond what Content-Length is written as
											// here
			}
			this.out.mlxHead(200, false, (int) length);
			this.out.write(head);
			for (long i = 0; i < wholePieces; i++) {
				this.out.write(piece);
			}
			this.out.write(rest);
			this.out.write(tail);
			this.out.flush();
			return;
		}

		this.out.mlxHead(200, true, null);
		prefill(prompt.size() - cached, this.out);
		Streamer streamer = new Streamer(this.sim.faults());
		String chunkObject = (chat) ? "chat.completion.chunk" : "text_completion";
		for (long i = 0; i <= wholePieces; i++) {
			String text = (i < wholePieces) ? reply.text() : partial;
			if (text.isEmpty()) {
				continue;
			}
			decode((i < wholePieces) ? pieceTokens.size() : (int) (emitted % pieceTokens.size()));
			Map<String, Object> choice = obj("index", 0, "finish_reason", null);
			if (chat) {
				choice.put("delta", obj("role", "assistant", "content", text));
			}
			else {
				choice.put("text", text);
			}
			streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", chunkObject,
					"model", echo, "created", this.created, "choices", List.of(choice)));
		}
		finished.run();
		Map<String, Object> last = obj("index", 0, "finish_reason", finishReason);
		last.put(chat ? "delta" : "text", chat ? obj("role", "assistant") : "");
		streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", chunkObject, "model",
				echo, "created", this.created, "choices", List.of(last)));
		if (request.streamUsage() == CompletionRequest.StreamUsage.BROKEN) {
			throw new DropConnection();
		}
		if (request.streamUsage() == CompletionRequest.StreamUsage.INCLUDE) {
			streamer.send(obj("id", id, "system_fingerprint", this.sim.systemFingerprint(), "object", "chat.completion",
					"model", echo, "created", this.created, "choices", List.of(), "usage", usage));
		}
		streamer.sendRaw("[DONE]");
	}

	/*
	 * Processes the uncached part of the prompt at the prefill rate (shared under {@code
	 * --prompt-concurrency}), reporting progress as keep-alive comments on a stream.
	 */
	private void prefill(int uncached, @Nullable ResponseWriter stream)
			throws IOException, InterruptedException, DropConnection {
		Scheduler.Slot slot = this.sim.scheduler().acquirePrefill();
		if (slot == null) {
			throw new DropConnection();
		}
		try {
			if (stream != null) {
				stream.write(": keepalive 0/" + uncached + "\n\n");
			}
			for (int done = 0; done < uncached;) {
				int n = Math.min(PREFILL_STEP, uncached - done);
				pace(n, this.sim.prefillTokensPerSecond() / this.sim.scheduler().prefillShare());
				done += n;
				if (stream != null) {
					stream.write(": keepalive " + done + "/" + uncached + "\n\n");
				}
			}
		}
		finally {
			slot.close();
		}
	}

	/* Generates tokens at the token rate (shared under {@code --decode-concurrency}). */
	private void decode(int tokens) throws InterruptedException {
		if (!this.sim.scheduler().sharesDecodeRate()) {
			pace(tokens, this.sim.tokensPerSecond());
			return;
		}
		for (int i = 0; i < tokens; i++) {
			// The share changes as others come and go.
			pace(1, this.sim.tokensPerSecond() / this.sim.scheduler().decodeShare());
		}
	}

	/*
	 * The generation is done: the prompt cache takes its tokens and the simulator records
	 * it.
	 */
	private void finished(String model, Generator.Plan plan, int cached, boolean stream) {
		this.sim.promptCache().insert(model, plan.cacheKey());
		this.sim.recordGeneration(new GenerationRecord(model, plan.promptTokens(), cached, plan.completionTokens(),
				plan.finishReason(), stream));
	}

	private Map<String, Object> toolCall(Reply.@Nullable ToolCall call, @Nullable Integer index) {
		Reply.ToolCall c = java.util.Objects.requireNonNull(call);
		Map<String, Object> out = obj("function",
				obj("name", c.name(), "arguments", PyJson.writeUnicode(PyJson.parse(c.argumentsJson()))), "type",
				"function", "id", this.sim.newId());
		if (index != null) {
			out.put("index", index);
		}
		return out;
	}

	private static Map<String, Object> usage(Generator.Plan plan, int cached) {
		return obj("prompt_tokens", plan.promptTokens(), "completion_tokens", plan.completionTokens(), "total_tokens",
				plan.promptTokens() + plan.completionTokens(), "prompt_tokens_details", obj("cached_tokens", cached));
	}

	/* Simulated compute time at a configured speed; 0 means instant. */
	private static void pace(double tokens, double tokensPerSecond) throws InterruptedException {
		if (tokensPerSecond <= 0 || tokens <= 0) {
			return;
		}
		long nanos = (long) (tokens / tokensPerSecond * 1_000_000_000L);
		Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
	}

	private static String error(String text) {
		return PyJson.write(obj("error", text));
	}

	/* Python's {@code repr()} of a str, for the error page messages. */
	private static String pyRepr(String s) {
		boolean dq = s.contains("'") && !s.contains("\"");
		char q = dq ? '"' : '\'';
		StringBuilder sb = new StringBuilder().append(q);
		for (char c : s.toCharArray()) {
			if (c == '\\' || (c == q)) {
				sb.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f) {
				sb.append(String.format((c == '\t') ? "\\t" : (c == '\n') ? "\\n" : (c == '\r') ? "\\r" : "\\x%02x",
						(int) c));
			}
			else {
				sb.append(c);
			}
		}
		return sb.append(q).toString();
	}

	static Map<String, Object> obj(@Nullable Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
		}
		return map;
	}

	/**
	 * The handler gave up in a way that makes Python close the connection with no reply.
	 */
	private static final class DropConnection extends Exception {

		private static final long serialVersionUID = 1L;

		DropConnection() {
			super(null, null, false, false);
		}

	}

	/* Sends {@code data:} events and applies the stream-cutting faults. */
	private final class Streamer {

		private final int stopAfter;

		private final int resetAfter;

		private final int truncateAfter;

		private final boolean withholdDone;

		private int sent;

		Streamer(Faults faults) {
			this.stopAfter = faults.stopAfterChunks();
			this.resetAfter = faults.resetAfterChunks();
			this.truncateAfter = faults.truncateAfterChunks();
			this.withholdDone = faults.stopBeforeDone();
		}

		void send(Map<String, Object> event) throws IOException, DropConnection {
			sendRaw(PyJson.write(event));
		}

		void sendRaw(String data) throws IOException, DropConnection {
			if (this.stopAfter >= 0 && this.sent >= this.stopAfter) {
				throw new DropConnection();
			}
			if (this.resetAfter >= 0 && this.sent >= this.resetAfter) {
				ConnectionHandler.this.socket.setSoLinger(true, 0);
				ConnectionHandler.this.socket.close();
				throw new DropConnection();
			}
			if (this.truncateAfter >= 0 && this.sent >= this.truncateAfter) {
				ConnectionHandler.this.out.write("data: " + data.substring(0, data.length() / 2));
				throw new DropConnection();
			}
			if (this.withholdDone && data.equals("[DONE]")) {
				throw new DropConnection();
			}
			ConnectionHandler.this.out.write("data: " + data + "\n\n");
			this.sent++;
		}

	}

}

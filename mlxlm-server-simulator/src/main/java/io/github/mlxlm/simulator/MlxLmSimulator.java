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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A running stand-in for {@code mlx_lm.server}. Build and start one with
 * {@link #builder()}; close it to stop listening and end every connection and thread it
 * started.
 *
 * <pre>{@code
 * try (MlxLmSimulator sim = MlxLmSimulator.builder()
 *         .model("mlx-community/Qwen3-4B-Instruct-2507-4bit")
 *         .script("What is 2+2?", Reply.text("4"))
 *         .start()) {
 *     String baseUrl = sim.baseUrl(); // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmSimulator implements AutoCloseable {

	/** The fingerprint of mlx-lm 0.32.0 with MLX 0.32.1 on an M4 Mac. */
	public static final String DEFAULT_SYSTEM_FINGERPRINT = "0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s";

	/** The reply when no script matches, as in the wire contract's example. */
	public static final String DEFAULT_REPLY = "This is a test!";

	private final Builder config;

	private final Faults faults;

	private final ModelRegistry registry;

	private final Generator generator;

	private final PromptCache promptCache;

	private final Scheduler scheduler;

	/**
	 * Not copy-on-write: a long-running simulator (the sample app's backend) adds one per
	 * request.
	 */
	private final List<GenerationRecord> generations = new ArrayList<>();

	private final InetAddress bindAddress;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final Object listenerLock = new Object();

	private @Nullable ServerSocket listener;

	private @Nullable Thread acceptor;

	private int port;

	private volatile boolean closed;

	private MlxLmSimulator(Builder config) throws IOException {
		this.config = config;
		this.faults = new Faults(config.loadDelay, this::listenerChanged);
		List<String> cache = config.noCache ? null
				: (config.cache != null) ? config.cache
						: (config.model != null && !ModelRegistry.isLocalPath(config.model)) ? List.of(config.model)
								: List.of();
		this.registry = new ModelRegistry(config.model, cache, config.shuffle, this.faults, config.startupLoad);
		this.generator = new Generator(config.scripts, config.defaultReply, config.scriptsMatchWholePrompt);
		this.promptCache = new PromptCache(config.promptCacheSize);
		this.scheduler = new Scheduler(config.decodeConcurrency, config.promptConcurrency);
		this.bindAddress = InetAddress.getByName(config.host);
		this.port = config.port;
		listen();
	}

	/**
	 * Starts configuring a simulator.
	 * @return a builder with the defaults: no model, 127.0.0.1, a free port, instant
	 * generation
	 */
	public static Builder builder() {
		return new Builder();
	}

	private void listen() throws IOException {
		synchronized (this.listenerLock) {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(this.bindAddress, this.port), 50);
			this.port = server.getLocalPort();
			this.listener = server;
			Thread thread = new Thread(() -> acceptLoop(server), "mlxlm-simulator-" + this.port + "-accept");
			thread.setDaemon(true);
			this.threads.add(thread);
			this.acceptor = thread;
			thread.start();
		}
	}

	private void acceptLoop(ServerSocket server) {
		try {
			while (!this.closed && !server.isClosed()) {
				Socket socket = server.accept();
				this.connections.add(socket);
				if (this.closed) {
					socket.close();
					break;
				}
				Thread worker = new Thread(new ConnectionHandler(this, socket),
						"mlxlm-simulator-" + this.port + "-conn");
				worker.setDaemon(true);
				this.threads.add(worker);
				worker.start();
			}
		}
		catch (IOException ex) {
			// closed listener: refuse fault or shutdown
		}
		finally {
			this.threads.remove(Thread.currentThread());
		}
	}

	private void listenerChanged() {
		synchronized (this.listenerLock) {
			if (this.closed) {
				return;
			}
			try {
				if (this.faults.refusing() && this.listener != null) {
					this.listener.close();
					this.listener = null;
					// The JDK releases the port only when the thread blocked in accept()
					// has left it.
					Thread thread = this.acceptor;
					if (thread != null) {
						thread.join(5000);
					}
				}
				else if (!this.faults.refusing() && this.listener == null) {
					listen();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	void connectionDone(Socket socket) {
		this.connections.remove(socket);
		this.threads.remove(Thread.currentThread());
	}

	void record(RecordedRequest request) {
		synchronized (this.requests) {
			this.requests.add(request);
			this.requests.notifyAll();
		}
	}

	/**
	 * Waits until at least {@code count} requests have been recorded (since the last
	 * clear): the way to know the server has a request in hand, e.g. before switching a
	 * hang off.
	 * @param count the number of requests
	 * @param timeout the longest wait
	 * @return the requests
	 * @throws IllegalStateException when the timeout passes first
	 * @throws InterruptedException when interrupted
	 */
	public List<RecordedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.requests) {
			while (this.requests.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException(
							"Expected " + count + " requests within " + timeout + " but got " + this.requests.size());
				}
				this.requests.wait(left / 1_000_000 + 1);
			}
		}
		return requests();
	}

	/**
	 * The base URL a client is configured with.
	 * @return e.g. {@code http://127.0.0.1:54321/v1}
	 */
	public String baseUrl() {
		return serverUrl() + "/v1";
	}

	/**
	 * The server root, where {@code /health} lives.
	 * @return e.g. {@code http://127.0.0.1:54321}
	 */
	public String serverUrl() {
		return "http://" + this.config.host + ":" + this.port;
	}

	/**
	 * The port listened on (the chosen one when configured with 0).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The host listened on.
	 * @return e.g. {@code 127.0.0.1}
	 */
	public String host() {
		return this.config.host;
	}

	/**
	 * The faults switch board.
	 * @return the faults, shared with the running server
	 */
	public Faults faults() {
		return this.faults;
	}

	/**
	 * The connections accepted and not yet closed: a connection leaves the count once the
	 * simulator has closed it, after its reply, or after it noticed that the client
	 * closed it (a write fails, or the request never comes). The way to see that a client
	 * let go of a stream it cancelled.
	 * @return the number of open connections
	 */
	public int openConnections() {
		return this.connections.size();
	}

	/**
	 * Every request received so far, oldest first (thread-safe snapshot).
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return Collections.unmodifiableList(new ArrayList<>(this.requests));
	}

	/**
	 * The most recent request.
	 * @return the request, if any arrived
	 */
	public Optional<RecordedRequest> lastRequest() {
		List<RecordedRequest> all = requests();
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	/** Forgets the requests received so far. */
	public void clearRequests() {
		synchronized (this.requests) {
			this.requests.clear();
		}
	}

	/**
	 * Every model load a request caused (swaps), oldest first. The start-up model is
	 * resident without a load entry, so an empty list means "no swap happened".
	 * @return the loaded model ids
	 */
	public List<String> loads() {
		return this.registry.loads();
	}

	/**
	 * The model now in memory.
	 * @return its id, or empty after a failed load (or when started with no model)
	 */
	public Optional<String> residentModel() {
		return this.registry.resident();
	}

	/**
	 * Every generation finished so far, oldest first, with its token counts: how a test
	 * sees whether the prompt cache served a request
	 * ({@link GenerationRecord#cachedTokens()}). A generation is recorded before the last
	 * bytes of its reply are written, so a client that has read its whole answer finds it
	 * here.
	 * @return the generations
	 */
	public List<GenerationRecord> generations() {
		synchronized (this.generations) {
			return List.copyOf(this.generations);
		}
	}

	/**
	 * The most generations that ran at once (since start or the last {@link #reset()}):
	 * with {@link Builder#decodeConcurrency(int)} set, never more than that.
	 * @return the peak
	 */
	public int peakConcurrentGenerations() {
		return this.scheduler.peak();
	}

	/**
	 * The generations running now (prompt processing included; a model load counts too).
	 * @return the number
	 */
	public int activeGenerations() {
		return this.scheduler.active();
	}

	/**
	 * The completion requests waiting for a generation slot now (only with
	 * {@link Builder#decodeConcurrency(int)} set): the way to know a request is queued
	 * before releasing the one ahead of it.
	 * @return the number
	 */
	public int queuedGenerations() {
		return this.scheduler.queued();
	}

	/**
	 * The entries in the prompt cache, over all models (at most
	 * {@link Builder#promptCacheSize(int)}).
	 * @return the number
	 */
	public int promptCacheEntries() {
		return this.promptCache.size();
	}

	/**
	 * Returns to the just-started state: no recorded requests or generations, no faults,
	 * no loads, the start-up model resident, an empty prompt cache, the concurrency peak
	 * back to what runs now.
	 */
	public void reset() {
		this.faults.clear();
		clearRequests();
		this.registry.reset();
		this.promptCache.clear();
		synchronized (this.generations) {
			this.generations.clear();
		}
		this.scheduler.resetPeak();
		this.scheduler.wakeUp();
	}

	/** Stops listening, closes every connection and ends every thread it started. */
	@Override
	public void close() {
		synchronized (this.listenerLock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.listener != null) {
				try {
					this.listener.close();
				}
				catch (IOException ignored) {
					// closing anyway
				}
			}
		}
		this.faults.close();
		this.scheduler.close();
		for (Socket socket : this.connections) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		for (Thread thread : this.threads) {
			try {
				thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	ModelRegistry registry() {
		return this.registry;
	}

	Generator generator() {
		return this.generator;
	}

	PromptCache promptCache() {
		return this.promptCache;
	}

	Scheduler scheduler() {
		return this.scheduler;
	}

	void recordGeneration(GenerationRecord generation) {
		synchronized (this.generations) {
			this.generations.add(generation);
		}
	}

	Clock clock() {
		return this.config.clock;
	}

	boolean logRequests() {
		return this.config.logRequests;
	}

	String systemFingerprint() {
		return this.config.systemFingerprint;
	}

	double tokensPerSecond() {
		return this.config.tokensPerSecond;
	}

	double prefillTokensPerSecond() {
		return this.config.prefillTokensPerSecond;
	}

	String newId() {
		return this.config.ids.get();
	}

	/** Configures and starts a {@link MlxLmSimulator}. */
	public static final class Builder {

		private @Nullable String model;

		private String host = "127.0.0.1";

		private int port;

		private @Nullable List<String> cache;

		private boolean noCache;

		private boolean shuffle;

		private final List<Generator.Script> scripts = new ArrayList<>();

		private boolean scriptsMatchWholePrompt;

		private Reply defaultReply = Reply.text(DEFAULT_REPLY);

		private double tokensPerSecond;

		private double prefillTokensPerSecond;

		private Duration loadDelay = Duration.ZERO;

		private Duration startupLoad = Duration.ZERO;

		private int promptCacheSize = 10;

		private int decodeConcurrency;

		private int promptConcurrency;

		private String systemFingerprint = DEFAULT_SYSTEM_FINGERPRINT;

		private Clock clock = Clock.systemUTC();

		private Supplier<String> ids = () -> UUID.randomUUID().toString();

		private boolean logRequests;

		private Builder() {
		}

		/**
		 * Sets the start-up model ({@code --model}): a Hugging Face repo id, or a local
		 * path.
		 * @param model the model, or {@code null} for a server started without one
		 * @return this
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the address to bind.
		 * @param host default {@code 127.0.0.1}
		 * @return this
		 */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/**
		 * Sets the port.
		 * @param port 0 (the default) for a free port
		 * @return this
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Sets the repo ids in the simulated Hugging Face cache, which {@code /v1/models}
		 * lists and which a request may swap to. Default: the {@code --model} repo id
		 * (none when it is a path).
		 * @param repoIds the ids
		 * @return this
		 */
		public Builder huggingFaceCache(String... repoIds) {
			return huggingFaceCache(List.of(repoIds));
		}

		/**
		 * Sets the repo ids in the simulated Hugging Face cache.
		 * @param repoIds the ids
		 * @return this
		 */
		public Builder huggingFaceCache(List<String> repoIds) {
			this.cache = List.copyOf(repoIds);
			this.noCache = false;
			return this;
		}

		/**
		 * Simulates a machine with no Hugging Face cache directory: {@code /v1/models}
		 * answers 200 with an empty body, and only the start-up model can be used.
		 * @return this
		 */
		public Builder noHuggingFaceCache() {
			this.noCache = true;
			return this;
		}

		/**
		 * Sets whether {@code /v1/models} lists the cache in random order, as the real
		 * server does.
		 * @param shuffle default {@code false} (stable order, for assertions)
		 * @return this
		 */
		public Builder shuffleModels(boolean shuffle) {
			this.shuffle = shuffle;
			return this;
		}

		/**
		 * Scripts a reply. A request matches when its latest message (the last user
		 * message, or the tool result a follow-up request ends with; or the text prompt)
		 * equals {@code trigger}, or else contains it; exact matches win, then the first
		 * script added. A script that answers with a tool call therefore does not match
		 * the follow-up that carries the tool's result.
		 * {@link #scriptsMatchWholePrompt(boolean)} matches the whole prompt instead.
		 * @param trigger the message or a substring of it
		 * @param reply the reply
		 * @return this
		 */
		public Builder script(String trigger, Reply reply) {
			this.scripts.add(new Generator.Script(trigger, reply));
			return this;
		}

		/**
		 * Scripts a plain text reply.
		 * @param trigger the message or a substring of the prompt
		 * @param text the answer
		 * @return this
		 */
		public Builder script(String trigger, String text) {
			return script(trigger, Reply.text(text));
		}

		/**
		 * Sets whether scripts match anywhere in the whole prompt (every message, system
		 * and history included) instead of the latest message (default {@code false}).
		 * @param wholePrompt whether to match the whole prompt
		 * @return this
		 */
		public Builder scriptsMatchWholePrompt(boolean wholePrompt) {
			this.scriptsMatchWholePrompt = wholePrompt;
			return this;
		}

		/**
		 * Sets the reply when no script matches.
		 * @param reply default {@code "This is a test!"}
		 * @return this
		 */
		public Builder defaultReply(Reply reply) {
			this.defaultReply = reply;
			return this;
		}

		/**
		 * Sets the generation speed.
		 * @param tokensPerSecond 0 (the default) for instant
		 * @return this
		 */
		public Builder tokensPerSecond(double tokensPerSecond) {
			this.tokensPerSecond = tokensPerSecond;
			return this;
		}

		/**
		 * Sets the prompt-processing speed, which paces the keep-alive comments. Only the
		 * tokens the prompt cache does not hold take time.
		 * @param tokensPerSecond 0 (the default) for instant
		 * @return this
		 */
		public Builder prefillTokensPerSecond(double tokensPerSecond) {
			this.prefillTokensPerSecond = tokensPerSecond;
			return this;
		}

		/**
		 * Sets how many token sequences the prompt cache keeps over all models
		 * ({@code --prompt-cache-size}). The oldest entry goes first; each finished
		 * generation adds its prompt and answer, and drops the entries it extends.
		 * @param size default 10, as the server; 0 caches nothing
		 * @return this
		 */
		public Builder promptCacheSize(int size) {
			if (size < 0) {
				throw new IllegalArgumentException("The prompt cache size must not be negative");
			}
			this.promptCacheSize = size;
			return this;
		}

		/**
		 * Sets how many generations run at once ({@code --decode-concurrency}); the
		 * others wait in arrival order and receive nothing until their turn, and the
		 * {@link #tokensPerSecond(double) token rate} becomes the server's, shared among
		 * the running generations. 1 serves one request at a time, as the server does for
		 * a model that cannot batch. A request with a {@code seed}, or one that swaps the
		 * model, waits until the running ones have drained.
		 * @param concurrency default 0: no limit and no sharing, every generation at the
		 * full rate (the server batches up to 32 by default; a limit is opt-in so that
		 * tests keep their timing)
		 * @return this
		 */
		public Builder decodeConcurrency(int concurrency) {
			if (concurrency < 0) {
				throw new IllegalArgumentException("The decode concurrency must not be negative");
			}
			this.decodeConcurrency = concurrency;
			return this;
		}

		/**
		 * Sets how many prompts are processed at once ({@code --prompt-concurrency});
		 * with a limit, the {@link #prefillTokensPerSecond(double) prefill rate} is
		 * shared among them.
		 * @param concurrency default 0: no limit and no sharing
		 * @return this
		 */
		public Builder promptConcurrency(int concurrency) {
			if (concurrency < 0) {
				throw new IllegalArgumentException("The prompt concurrency must not be negative");
			}
			this.promptConcurrency = concurrency;
			return this;
		}

		/**
		 * Sets how long a model swap takes (changeable later with
		 * {@link Faults#modelLoadDelay(Duration)}).
		 * @param delay default zero
		 * @return this
		 */
		public Builder loadDelay(Duration delay) {
			this.loadDelay = delay;
			return this;
		}

		/**
		 * Sets how long the start-up model takes to load after the simulator starts: as
		 * the real server, it answers {@code /health} and {@code /v1/models} at once, and
		 * a generation waits until the model is loaded (default zero).
		 * @param duration the start-up load time
		 * @return this builder
		 */
		public Builder startupLoad(Duration duration) {
			this.startupLoad = duration;
			return this;
		}

		/**
		 * Sets the reported {@code system_fingerprint}.
		 * @param fingerprint default {@link #DEFAULT_SYSTEM_FINGERPRINT}
		 * @return this
		 */
		public Builder systemFingerprint(String fingerprint) {
			this.systemFingerprint = fingerprint;
			return this;
		}

		/**
		 * Sets the clock for {@code Date} and {@code created}, for byte-exact assertions.
		 * @param clock default the system UTC clock
		 * @return this
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the source of the bare uuids in completion and tool-call ids.
		 * @param ids default random UUIDs
		 * @return this
		 */
		public Builder ids(Supplier<String> ids) {
			this.ids = ids;
			return this;
		}

		/**
		 * Sets whether to log one line per reply on stderr, like Python's
		 * {@code http.server}.
		 * @param log default {@code false}
		 * @return this
		 */
		public Builder logRequests(boolean log) {
			this.logRequests = log;
			return this;
		}

		/**
		 * Binds and starts the simulator.
		 * @return the running simulator
		 * @throws UncheckedIOException when the port cannot be bound
		 */
		public MlxLmSimulator start() {
			try {
				return new MlxLmSimulator(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

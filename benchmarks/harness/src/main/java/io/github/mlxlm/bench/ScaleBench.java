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

package io.github.mlxlm.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatModelFactory;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.client.MlxLmClient;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * Scale: 1,024 concurrent slow streams (10 tokens/s, as a Mac decodes) held open at once,
 * through {@code MlxLmChatModel} in this JVM and through the sample app's
 * {@code /chat/stream} in its own JVM. The server is the simulator in a process of its
 * own, so that its thread per connection counts in neither. Heap per open stream is the
 * heap in use (after a full GC) with every stream open, less the heap before, over the
 * streams; CPU per chunk is the process's CPU time over the chunks received.
 *
 * @author mlxlm developers
 */
public final class ScaleBench {

	static final int STREAMS = 1024;

	static final int TOKENS_PER_SECOND = 10;

	/** 60 tokens at 10 tokens/s: each stream is open about 6 s. */
	static final int ANSWER_TOKENS = 60;

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private ScaleBench() {
	}

	/**
	 * Run the scale section alone and print its table: {@code benchmarks} directory as
	 * the argument (the harness's {@code target/lib} and the sample jar must be built).
	 * @param args the benchmarks directory
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Path root = Path.of((args.length > 0) ? args[0] : "benchmarks").toAbsolutePath().normalize();
		StringBuilder md = new StringBuilder();
		report(md, run(root));
		System.out.println(md);
		System.exit(0);
	}

	/**
	 * Start the paced simulator in a process of its own, then measure the chat model in
	 * this JVM and the sample app's relay.
	 * @param root the benchmarks directory
	 * @return the measurements
	 * @throws Exception on failure
	 */
	static List<Result> run(Path root) throws Exception {
		int port = freePort();
		Process simulator = startSimulator(root.resolve("harness/target/lib"), port);
		try {
			String baseUrl = "http://127.0.0.1:" + port + "/v1";
			List<Result> results = new ArrayList<>();
			results.add(throughChatModel(baseUrl));
			Path sampleJar = root.resolveSibling("sample-app/target/sample-app-0.1.0-SNAPSHOT.jar");
			if (!Files.exists(sampleJar)) {
				throw new IllegalStateException("no sample jar at " + sampleJar + ": build it first (run.sh does)");
			}
			results.add(throughSample(sampleJar, baseUrl));
			return results;
		}
		finally {
			simulator.destroy();
			simulator.waitFor();
		}
	}

	static Process startSimulator(Path harnessLib, int port) throws Exception {
		String reply = "w" + " w".repeat(ANSWER_TOKENS - 1);
		Process process = new ProcessBuilder(List.of(javaCommand(), "-Xmx1g", "-cp", harnessLib + File.separator + "*",
				"io.github.mlxlm.simulator.MlxLmSimulatorMain", "--host", "127.0.0.1", "--port", String.valueOf(port),
				"--model", Contenders.MODEL, "--tokens-per-second", String.valueOf(TOKENS_PER_SECOND),
				"--prefill-tokens-per-second", "0", "--default-reply", reply, "--quiet"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		awaitUp("http://127.0.0.1:" + port + "/health", process);
		return process;
	}

	static Result throughChatModel(String baseUrl) throws Exception {
		MlxLmChatModelFactory factory = MlxLmChatModelFactory.builder()
			.client(MlxLmClient.builder().baseUrl(baseUrl).model(Contenders.MODEL).build())
			.build();
		MlxLmChatModel chatModel = factory.create();
		MlxLmChatOptions options = MlxLmChatOptions.builder().maxTokens(ANSWER_TOKENS * 2).build();
		// Warm: the first stream loads the classes every stream uses.
		chatModel.stream(new Prompt("Count, please.", options)).blockLast(TIMEOUT);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long heapBefore = heapAfterGc(memory);
		int threadsBefore = threads.getThreadCount();
		AtomicInteger peak = new AtomicInteger(threadsBefore);
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(threads.getThreadCount(), Math::max), 0, 50,
				TimeUnit.MILLISECONDS);
		long cpuBefore = processCpuNanos();
		CountDownLatch open = new CountDownLatch(STREAMS);
		CountDownLatch ended = new CountDownLatch(STREAMS);
		AtomicLong chunks = new AtomicLong();
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		for (int i = 0; i < STREAMS; i++) {
			boolean[] first = { true };
			chatModel.stream(new Prompt("Count, please. #" + i, options)).subscribe((response) -> {
				chunks.incrementAndGet();
				if (first[0]) {
					first[0] = false;
					open.countDown();
				}
			}, (error) -> {
				errors.incrementAndGet();
				open.countDown();
				ended.countDown();
			}, () -> {
				completed.incrementAndGet();
				ended.countDown();
			});
		}
		open.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		long heapOpen = heapAfterGc(memory);
		ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		long cpu = processCpuNanos() - cpuBefore;
		sampler.shutdownNow();
		factory.close();
		return new Result("`MlxLmChatModel.stream`, in this JVM", STREAMS, completed.get(), errors.get(),
				(heapOpen - heapBefore) / 1024.0 / STREAMS, threadsBefore, peak.get(),
				cpu / 1e3 / Math.max(1, chunks.get()), chunks.get());
	}

	static Result throughSample(Path sampleJar, String baseUrl) throws Exception {
		int port = freePort();
		Path log = Files.createTempFile("scale-sample", ".log");
		Process app = new ProcessBuilder(List.of(javaCommand(), "-Xmx1g", "-jar", sampleJar.toString(),
				"--server.port=" + port, "--mlxlm.simulator.enabled=false", "--mlxlm.base-url=" + baseUrl,
				"--mlxlm.model=" + Contenders.MODEL, "--logging.level.root=WARN",
				"--management.endpoints.web.exposure.include=health,metrics", "--sample.stream.heartbeat-interval=60s"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			String base = "http://127.0.0.1:" + port;
			awaitUp(base + "/actuator/health", app);
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			String stream = base + "/chat/stream?message=" + "Count,%20please.";
			// Warm, as above.
			http.send(HttpRequest.newBuilder(URI.create(stream)).build(), HttpResponse.BodyHandlers.ofString());
			long heapBefore = sampleHeapAfterGc(app, http, base);
			int threadsBefore = (int) metric(http, base, "jvm.threads.live");
			long cpuBefore = procCpuNanos(app.pid());
			AtomicInteger peak = new AtomicInteger(threadsBefore);
			CountDownLatch open = new CountDownLatch(STREAMS);
			AtomicLong chunks = new AtomicLong();
			AtomicInteger errors = new AtomicInteger();
			AtomicInteger completed = new AtomicInteger();
			List<CompletableFuture<?>> all = new ArrayList<>();
			for (int i = 0; i < STREAMS; i++) {
				boolean[] first = { true };
				String[] event = { "" };
				HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "%20%23" + i))
					.timeout(TIMEOUT)
					.header("Accept", "text/event-stream")
					.build();
				all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept((response) -> {
					response.body().forEach((line) -> {
						if (line.startsWith("event:")) {
							event[0] = line.substring(6).strip();
						}
						else if (line.isEmpty()) {
							event[0] = "";
						}
						else if (line.startsWith("data:") && !event[0].equals("done") && !event[0].equals("error")) {
							chunks.incrementAndGet();
							if (first[0]) {
								first[0] = false;
								open.countDown();
							}
						}
					});
					if (response.statusCode() == 200) {
						completed.incrementAndGet();
					}
					else {
						errors.incrementAndGet();
					}
				}).exceptionally((error) -> {
					errors.incrementAndGet();
					open.countDown();
					return null;
				}));
			}
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleAtFixedRate(() -> {
				try {
					peak.accumulateAndGet((int) metric(http, base, "jvm.threads.live"), Math::max);
				}
				catch (Exception ex) {
					// The next sample will do.
				}
			}, 0, 250, TimeUnit.MILLISECONDS);
			open.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			long heapOpen = sampleHeapAfterGc(app, http, base);
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			long cpu = procCpuNanos(app.pid()) - cpuBefore;
			sampler.shutdownNow();
			return new Result("sample app's `/chat/stream` (SSE relay), its own JVM", STREAMS, completed.get(),
					errors.get(), (heapOpen - heapBefore) / 1024.0 / STREAMS, threadsBefore, peak.get(),
					cpu / 1e3 / Math.max(1, chunks.get()), chunks.get());
		}
		finally {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	static void report(StringBuilder md, List<Result> results) {
		md.append("## 3b. Scale: 1,024 concurrent slow streams\n\n")
			.append(String.format(Locale.ROOT,
					"%,d streams opened at once, each a %d-token answer paced at %d tokens/s by the simulator in a "
							+ "process of its own (so each is open about %d s). *Heap per open stream* = heap in use "
							+ "after a full GC with every stream open (each has its first chunk), less the heap before, "
							+ "over the streams. *Threads* = live threads before / at peak. *CPU per chunk* = the "
							+ "process's CPU time over the chunks received.\n\n",
					STREAMS, ANSWER_TOKENS, TOKENS_PER_SECOND, ANSWER_TOKENS / TOKENS_PER_SECOND))
			.append("| Path | completed / opened | failed | heap per open stream | threads before / peak | "
					+ "CPU per chunk | chunks |\n|---|---:|---:|---:|---:|---:|---:|\n");
		for (Result r : results) {
			md.append(String.format(Locale.ROOT, "| %s | %d / %d | %d | %.1f KB | %d / %d | %.0f µs | %,d |\n",
					r.label(), r.completed(), r.streams(), r.errors(), r.heapPerStreamKb(), r.threadsBefore(),
					r.threadsPeak(), r.cpuMicrosPerChunk(), r.chunks()));
		}
		md.append('\n');
	}

	private static long heapAfterGc(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static long sampleHeapAfterGc(Process app, HttpClient http, String base) throws Exception {
		for (int i = 0; i < 2; i++) {
			new ProcessBuilder("jcmd", String.valueOf(app.pid()), "GC.run").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(30, TimeUnit.SECONDS);
		}
		return (long) metric(http, base, "jvm.memory.used?tag=area:heap");
	}

	private static double metric(HttpClient http, String base, String name) throws Exception {
		String body = http
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		int at = body.indexOf("\"value\":");
		int end = at + 8;
		while (end < body.length() && "0123456789.E-+".indexOf(body.charAt(end)) >= 0) {
			end++;
		}
		return Double.parseDouble(body.substring(at + 8, end));
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long procCpuNanos(long pid) throws IOException {
		// Fields 14 and 15 of /proc/<pid>/stat: user and system time, in clock ticks
		// (100 per second on Linux).
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
	}

	private static void awaitUp(String url, Process process) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("exited before answering " + url);
			}
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("no answer from " + url);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * One measurement.
	 *
	 * @param label what was measured
	 * @param streams the streams opened
	 * @param completed the streams that ended normally
	 * @param errors the streams that failed
	 * @param heapPerStreamKb heap per open stream, KB
	 * @param threadsBefore live threads before the streams
	 * @param threadsPeak most live threads while they ran
	 * @param cpuMicrosPerChunk process CPU per chunk received, µs
	 * @param chunks the chunks received
	 */
	record Result(String label, int streams, int completed, int errors, double heapPerStreamKb, int threadsBefore,
			int threadsPeak, double cpuMicrosPerChunk, long chunks) {

	}

}

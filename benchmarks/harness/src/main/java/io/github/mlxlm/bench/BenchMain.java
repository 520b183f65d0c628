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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.mlxlm.client.MlxLmClient;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.RecordedRequest;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every measurement against one simulator instance and rewrites {@code RESULTS.md}.
 * Argument: the {@code benchmarks} directory. Everything it sends goes to loopback.
 *
 * @author mlxlm developers
 */
public final class BenchMain {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final Path root;

	private final MlxLmSimulator sim;

	private final StringBuilder md = new StringBuilder();

	private final List<String> targets = new ArrayList<>();

	private final Map<String, double[]> latency = new LinkedHashMap<>();

	private final Map<String, double[]> streaming = new LinkedHashMap<>();

	private final Map<String, Map<Integer, Map<String, String>>> concurrency = new LinkedHashMap<>();

	/*
	 * Quick mode (benchmarks/run.sh --quick): fewer repetitions, no concurrency, scale or
	 * footprint.
	 */
	private final boolean quick = Boolean.getBoolean("bench.quick");

	/* Repetitions of the call and streaming sections, contenders interleaved in each. */
	private final int repetitions = this.quick ? 2 : 5;

	/* Per-repetition values of the targets measured in several repetitions. */
	private final Map<String, List<Double>> perRepetition = new LinkedHashMap<>();

	private final List<ScaleBench.Result> scale = new ArrayList<>();

	private double startupOwn = Double.NaN;

	private String startupOwnRange = "";

	/*
	 * Per repetition: the chat model's call and its wire's collected stream, in memory
	 * (µs).
	 */
	private List<double[]> layerRuns = List.of();

	private BenchMain(Path root, MlxLmSimulator sim) {
		this.root = root;
		this.sim = sim;
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of((args.length > 0) ? args[0] : "benchmarks").toAbsolutePath().normalize();
		long start = System.nanoTime();
		try (MlxLmSimulator sim = Workload.startSimulator()) {
			BenchMain bench = new BenchMain(root, sim);
			bench.header();
			bench.headerEnd = bench.md.length();
			bench.equivalence();
			bench.latency();
			bench.parseFloor();
			bench.clientRow();
			bench.streaming();
			if (!bench.quick) {
				bench.concurrency();
				bench.scale();
			}
			bench.startup();
			if (!bench.quick) {
				bench.footprint();
			}
			bench.targets(Duration.ofNanos(System.nanoTime() - start));
			Path results = root.resolve(bench.quick ? "harness/target/RESULTS-quick.md" : "RESULTS.md");
			Files.writeString(results, bench.md.toString());
			log("wrote " + results);
			if (bench.quick) {
				System.exit(0);
			}
			// The fleet's section comes from its own, longer run (benchmarks/fleet.sh):
			// kept.
			Path fleet = root.resolve("FLEET-RESULTS.md");
			if (Files.exists(fleet)) {
				FleetBenchMain.spliceIntoResults(root.resolve("RESULTS.md"), Files.readString(fleet));
			}
		}
		System.exit(0);
	}

	private static void log(String line) {
		System.out.println("[bench] " + line);
	}

	private static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	private void header() throws IOException {
		String cpu = "unknown CPU";
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.exists(cpuinfo)) {
			cpu = Files.readAllLines(cpuinfo)
				.stream()
				.filter((l) -> l.startsWith("model name"))
				.map((l) -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		this.md.append("# Benchmark results\n\n")
			.append("Generated by `benchmarks/run.sh` (do not edit by hand; rerun it). All contenders hit the **same "
					+ "simulator instance in this one run**, with zero think time (instant prefill, unlimited tokens/s), "
					+ "so only client cost is measured. **Absolute times are this machine's** and noisy (2 cores shared "
					+ "with other builds); compare the ratios.\n\n")
			.append("| | |\n|---|---|\n")
			.append("| Date | ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.append(" |\n")
			.append("| Command | `")
			.append(System.getProperty("bench.command", "benchmarks/run.sh"))
			.append("` |\n")
			.append("| Machine | ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs (")
			.append(cpu)
			.append("), ")
			.append(memory / (1024 * 1024 * 1024))
			.append(" GiB RAM |\n")
			.append("| JDK | ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(" |\n")
			.append("| Simulator | `mlxlm-server-simulator`, in the harness JVM, `tokensPerSecond(0)`, `prefillTokensPerSecond(0)` (0 = instant) |\n")
			.append("| Workloads | short: \"")
			.append(Workload.SHORT_PROMPT)
			.append("\" → 16 tokens, max_tokens ")
			.append(Workload.SHORT_MAX_TOKENS)
			.append("; long: \"")
			.append(Workload.LONG_PROMPT)
			.append("\" → ")
			.append(Workload.LONG_CHUNKS)
			.append(" chunks, max_tokens ")
			.append(Workload.LONG_MAX_TOKENS)
			.append("; concurrency: \"")
			.append(Workload.MEDIUM_PROMPT)
			.append("\" → ")
			.append(Workload.MEDIUM_CHUNKS)
			.append(" chunks, max_tokens ")
			.append(Workload.MEDIUM_MAX_TOKENS)
			.append(" |\n\n");
	}

	// ---------------------------------------------------------------- equivalence

	private void equivalence() throws Exception {
		log("checking that every contender sends an equivalent request");
		this.md.append("## 0. Request equivalence (asserted before timing)\n\n")
			.append("Each contender made 10 calls and 1 stream; the simulator's recorded requests were parsed and "
					+ "asserted to carry the same model, the same token budget and the same single user message. "
					+ "`requests/ops` > 1 would mean silent re-sends.\n\n")
			.append("| Contender | model | token budget field | messages | stream extras | Authorization | User-Agent | requests/ops |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		List<String> problems = new ArrayList<>();
		for (String key : Contenders.CALL_KEYS) {
			this.sim.clearRequests();
			int ok = 0;
			List<String> failures = new ArrayList<>();
			try (Contender c = Contenders.create(key, this.sim.baseUrl())) {
				for (int i = 0; i < 10; i++) {
					try {
						String answer = c.call(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS);
						ok++;
						if (!Workload.SHORT_ANSWER.equals(answer)) {
							problems.add(key + ": unexpected answer " + answer);
						}
					}
					catch (Exception ex) {
						failures.add(String.valueOf(rootCause(ex)));
					}
				}
				for (int attempt = 0; attempt < 3; attempt++) {
					try {
						Contender.StreamTiming t = c.streamAndWait(Workload.LONG_PROMPT, Workload.LONG_MAX_TOKENS);
						ok++;
						if (t.chunks() != Workload.LONG_CHUNKS) {
							problems.add(key + ": " + t.chunks() + " chunks instead of " + Workload.LONG_CHUNKS);
						}
						break;
					}
					catch (Exception ex) {
						failures.add(String.valueOf(rootCause(ex)));
					}
				}
			}
			if (!failures.isEmpty()) {
				this.notes.add(f("%s: %d of its %d equivalence operations failed (%s).", Contenders.label(key),
						failures.size(), ok + failures.size(), failures.get(0)));
			}
			List<RecordedRequest> chats = this.sim.requests()
				.stream()
				.filter((r) -> r.path().startsWith("/v1/chat/completions"))
				.toList();
			String tokenField = "?";
			String extras = "";
			for (RecordedRequest r : chats) {
				JsonNode body = JSON.readTree(r.body());
				boolean stream = body.path("stream").asBoolean(false);
				// Calls of the "streamed" variants are streamed requests too: expect
				// by prompt.
				boolean longOne = Workload.LONG_PROMPT.equals(messageText(body.path("messages").path(0)));
				String prompt = longOne ? Workload.LONG_PROMPT : Workload.SHORT_PROMPT;
				int budget = longOne ? Workload.LONG_MAX_TOKENS : Workload.SHORT_MAX_TOKENS;
				String field = body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
				tokenField = field;
				if (!Contenders.MODEL.equals(body.path("model").asString())) {
					problems.add(key + ": model " + body.path("model"));
				}
				if (body.path(field).asInt(-1) != budget) {
					problems.add(key + ": " + field + " " + body.path(field));
				}
				JsonNode messages = body.path("messages");
				if (messages.size() != 1 || !"user".equals(messages.path(0).path("role").asString())
						|| !prompt.equals(messageText(messages.path(0)))) {
					problems.add(key + ": messages " + messages);
				}
				if (stream) {
					List<String> names = new ArrayList<>();
					body.propertyNames().forEach(names::add);
					extras = names.stream()
						.filter((n) -> !List.of("model", "messages", "max_tokens", "max_completion_tokens", "stream")
							.contains(n))
						.map((n) -> n + "=" + body.path(n))
						.collect(Collectors.joining(", "));
				}
			}
			RecordedRequest first = chats.isEmpty() ? null : chats.get(0);
			this.md.append(f("| %s | `%s` | `%s` | 1 user message | %s | %s | %s | %d/%d |\n", Contenders.label(key),
					Contenders.MODEL, tokenField, (extras.isEmpty()) ? "none" : "`" + extras + "`",
					(first != null) ? first.header("Authorization").map((a) -> "sent").orElse("none") : "-",
					(first != null) ? "`" + first.header("User-Agent").orElse("none") + "`" : "-", chats.size(), ok));
			if (chats.size() > ok) {
				this.notes.add(f("%s: the simulator recorded %d requests for %d successful operations (re-sends).",
						Contenders.label(key), chats.size(), ok));
			}
		}
		this.md.append('\n');
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Contenders' requests are not equivalent: " + problems);
		}
		this.md.append("All contenders' requests are equivalent.\n\n");
		for (String note : this.notes) {
			this.md.append("- ").append(note).append('\n');
		}
		this.notes.clear();
		this.md.append('\n');
	}

	private final List<String> notes = new ArrayList<>();

	private static Throwable rootCause(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

	private static String messageText(JsonNode message) {
		JsonNode content = message.path("content");
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder sb = new StringBuilder();
		for (JsonNode part : content) {
			sb.append(part.path("text").asString(""));
		}
		return sb.toString();
	}

	// ---------------------------------------------------------------- JMH latency

	private void latency() throws Exception {
		log("JMH: non-streaming call latency");
		Path failuresDir = Files.createDirectories(this.root.resolve("harness/target/jmh-failures"));
		Map<String, Integer> recorded = new HashMap<>();
		Map<String, long[]> calls = new HashMap<>();
		Map<String, MultisetStatistics> pooled = new HashMap<>();
		Map<String, double[]> passMedians = new HashMap<>();
		// Repetitions, each running every contender once in a rotated order, samples
		// pooled for the table and medians kept per repetition for the targets: a burst
		// of outside load (other builds share these 2 cores) then lands on parts of
		// several contenders' runs instead of on one, and on one repetition of five.
		List<List<String>> passes = new ArrayList<>();
		for (int r = 0; r < this.repetitions; r++) {
			List<String> order = new ArrayList<>(Contenders.CALL_KEYS);
			java.util.Collections.rotate(order, -r * 3);
			passes.add(order);
		}
		for (int pass = 0; pass < passes.size(); pass++) {
			for (String key : passes.get(pass)) {
				this.sim.clearRequests();
				Options options = new OptionsBuilder().include(CallLatencyBenchmark.class.getName())
					.param("contender", key)
					.forks(1)
					// 6 s of warm-up: with 2 s, the C2 compiler had not reached the
					// deeper
					// (Reactor) stacks, and the streamed contenders measured up to 2 ×
					// slower.
					.warmupIterations(3)
					.warmupTime(TimeValue.seconds(2))
					.measurementIterations(this.quick ? 2 : 3)
					.measurementTime(TimeValue.seconds(1))
					.jvmArgsAppend("-Dbench.baseUrl=" + this.sim.baseUrl(), "-Dbench.failuresDir=" + failuresDir,
							"-Xmx512m", "-Djava.net.preferIPv4Stack=true")
					.shouldFailOnError(true)
					.build();
				for (RunResult result : new Runner(options).run()) {
					Statistics s = result.getPrimaryResult().getStatistics();
					MultisetStatistics all = pooled.computeIfAbsent(key, (k) -> new MultisetStatistics());
					s.getRawData().forEachRemaining((e) -> all.addValue(e.getKey(), e.getValue()));
					passMedians.computeIfAbsent(key, (k) -> new double[passes.size()])[pass] = s.getPercentile(50);
				}
				recorded.merge(key,
						(int) this.sim.requests()
							.stream()
							.filter((r) -> r.path().startsWith("/v1/chat/completions"))
							.count(),
						Integer::sum);
				this.sim.clearRequests();
				Path failures = failuresDir.resolve(key + ".txt");
				if (Files.exists(failures)) {
					String[] parts = Files.readString(failures).trim().split(" ");
					long[] c = calls.computeIfAbsent(key, (k) -> new long[2]);
					c[0] += Long.parseLong(parts[0]);
					c[1] += Long.parseLong(parts[1]);
					Files.delete(failures);
				}
			}
		}
		for (String key : Contenders.CALL_KEYS) {
			MultisetStatistics s = pooled.get(key);
			this.latency.put(key, new double[] { s.getPercentile(50), s.getPercentile(99), s.getPercentile(25),
					s.getPercentile(75), s.getN() });
		}
		log("JMH: the chat model's own layers, on a wire answered in memory");
		List<double[]> layerRuns = new ArrayList<>();
		for (int r = 0; r < passes.size(); r++) {
			// 10 s of warm-up: with 5, C2 was still compiling the stream's operators
			// (iterations fell from 190 to 55 µs within the measurement).
			Options options = new OptionsBuilder().include(ChatLayersBenchmark.class.getName())
				.forks(1)
				.warmupIterations(10)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(this.quick ? 3 : 5)
				.measurementTime(TimeValue.seconds(1))
				.jvmArgsAppend("-Xmx512m", "-Djava.net.preferIPv4Stack=true")
				.build();
			double call = 0;
			double wire = 0;
			for (RunResult result : new Runner(options).run()) {
				String label = result.getParams().getBenchmark();
				double score = result.getPrimaryResult().getScore();
				if (label.endsWith("chatModelCall")) {
					call = score;
				}
				else {
					wire = score;
				}
			}
			layerRuns.add(new double[] { call, wire });
			perRep("chat model layers µs", call - wire);
		}
		this.layerRuns = layerRuns;
		for (int r = 0; r < passes.size(); r++) {
			perRep("call / raw", passMedians.get("mlxlm")[r] / passMedians.get("raw")[r]);
			perRep("wire streamed / raw streamed", passMedians.get("wirestream")[r] / passMedians.get("rawstream")[r]);
		}
		double raw = this.latency.get("raw")[0];
		this.md.append("## 1. Call latency (JMH, sample mode)\n\n")
			.append(f("Small prompt, 16-token answer, one call at a time, through each contender's blocking `call`. %d "
					+ "repetitions, each running every contender once (1 fork, %d×2 s warm-up, %d×1 s measurement) in a "
					+ "rotated order; the table pools every repetition's samples and shows the range of the repetitions' "
					+ "medians, so outside load on this shared machine is visible. ", passes.size(), 3,
					this.quick ? 2 : 3)
					+ "Each call opens a new TCP connection (the server is HTTP/1.0 and closes it). The starter's "
					+ "`MlxLmChatModel.call` is a streamed request aggregated; the raw floor is a non-streaming request.\n\n")
			.append("*calls* counts every invocation in the forks (warm-up included); *server saw* is what the simulator "
					+ "recorded during that contender's runs: more than the successful calls means silent re-sends, the "
					+ "same number means failed calls never reached the server.\n\n")
			.append("| Contender | request | median µs | repetition medians µs | p99 µs | IQR µs | samples | failed / calls | server saw | median / raw |\n")
			.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (String key : Contenders.CALL_KEYS) {
			if (Contenders.KEYS.indexOf(key) < 0 && key.equals(Contenders.CALL_KEYS.get(Contenders.KEYS.size()))) {
				this.md.append("| *call as a streamed vs a non-streaming request:* | | | | | | | | | |\n");
			}
			double[] v = this.latency.get(key);
			long[] c = calls.getOrDefault(key, new long[] { -1, -1 });
			double[] pm = passMedians.get(key);
			this.md.append(f("| %s | %s | %.0f | %.0f–%.0f | %.0f | %.0f–%.0f | %.0f | %d / %d | %d | **%.2f** |\n",
					Contenders.label(key), streamedCall(key) ? "streamed" : "non-streaming", v[0],
					java.util.Arrays.stream(pm).min().orElse(0), java.util.Arrays.stream(pm).max().orElse(0), v[1],
					v[2], v[3], v[4], c[1], c[0], recorded.get(key), v[0] / raw));
		}
		double[] wire = this.latency.get("wire");
		double[] wireStream = this.latency.get("wirestream");
		double[] rawStream = this.latency.get("rawstream");
		double[] ours = this.latency.get("mlxlm");
		this.md.append(f(
				"\nWhat the call's switch to a streamed request costs, medians: raw floor %+.0f µs (streamed %.0f vs "
						+ "non-streaming %.0f, %.2f ×); the starter's wire %+.0f µs (%.0f vs %.0f, %.2f ×). The chat model's own layers "
						+ "over its streamed wire (options merge and checks, observation, aggregation into one `ChatResponse`): "
						+ "%+.0f µs (%.0f vs %.0f).\n\n",
				rawStream[0] - raw, rawStream[0], raw, rawStream[0] / raw, wireStream[0] - wire[0], wireStream[0],
				wire[0], wireStream[0] / wire[0], ours[0] - wireStream[0], ours[0], wireStream[0]));
		this.md
			.append("The chat model's own layers measured without a network (`ChatLayersBenchmark`: `MlxLmChatModel.call` "
					+ "and the same streamed request collected on its wire, one wire answered in memory with the simulator's "
					+ "recorded 16-token reply, JMH average time after 10 s of warm-up, 5 s (quick: 3 s) measured), per repetition:\n\n| repetition | `MlxLmChatModel.call` µs | "
					+ "wire stream collected µs | layers µs |\n|---:|---:|---:|---:|\n");
		for (int r = 0; r < this.layerRuns.size(); r++) {
			double[] run = this.layerRuns.get(r);
			this.md.append(f("| %d | %.1f | %.1f | %+.1f |\n", r + 1, run[0], run[1], run[0] - run[1]));
		}
		this.md.append('\n');
	}

	private static boolean streamedCall(String key) {
		return switch (key) {
			case "mlxlm", "rawstream", "wirestream" -> true;
			default -> false;
		};
	}

	private void parseFloor() throws Exception {
		log("JMH: chunk parse floor");
		Options options = new OptionsBuilder().include(ChunkParseBenchmark.class.getName())
			.forks(1)
			.warmupIterations(2)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(3)
			.measurementTime(TimeValue.seconds(2))
			.jvmArgsAppend("-Xmx256m")
			.build();
		RunResult result = new Runner(options).runSingle();
		double opsPerSec = result.getPrimaryResult().getScore();
		this.streaming.put("parseFloor", new double[] { opsPerSec });
		this.md
			.append("Client-side floor (JMH, no network): parsing one SSE chunk line with Jackson and extracting its "
					+ "delta runs at **")
			.append(f("%,.0f", opsPerSec))
			.append(" chunks/s on one thread** on this machine.\n\n");
	}

	private void clientRow() throws Exception {
		log("MlxLmClient vs raw: GET /v1/models");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest get = HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/models")).GET().build();
		MlxLmClient client = MlxLmClient.builder().baseUrl(this.sim.baseUrl()).model(Contenders.MODEL).build();
		List<Double> raw = new ArrayList<>();
		List<Double> ours = new ArrayList<>();
		for (int block = 0; block < 14; block++) {
			boolean measure = block >= 4;
			for (int i = 0; i < 50; i++) {
				long t0 = System.nanoTime();
				HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
				JSON.readTree(response.body());
				long t1 = System.nanoTime();
				client.listModels().block(Duration.ofSeconds(10));
				long t2 = System.nanoTime();
				if (measure) {
					raw.add((t1 - t0) / 1e3);
					ours.add((t2 - t1) / 1e3);
				}
			}
		}
		double r = Stats.median(raw);
		this.md.append("`MlxLmClient` has no chat-completion method, so it takes part where it applies: listing models "
				+ "(`GET /v1/models`, alternating with a raw JDK `HttpClient` + Jackson call, 200 warm-up + 500 measured pairs).\n\n")
			.append("| Contender | median µs | p99 µs | median / raw |\n|---|---:|---:|---:|\n")
			.append(f("| raw JDK HttpClient + Jackson | %.0f | %.0f | 1.00 |\n", r, Stats.percentile(raw, 99)))
			.append(f("| `MlxLmClient.listModels()` | %.0f | %.0f | **%.2f** |\n\n", Stats.median(ours),
					Stats.percentile(ours, 99), Stats.median(ours) / r));
	}

	// ---------------------------------------------------------------- streaming

	private void streaming() throws Exception {
		log("streaming: time to first chunk and chunks/s");
		int warmup = 3;
		int roundsPerRepetition = this.quick ? 2 : 3;
		int rounds = warmup + this.repetitions * roundsPerRepetition;
		Map<String, List<List<Double>>> repRate = new HashMap<>();
		Map<String, Contender> clients = new LinkedHashMap<>();
		Map<String, List<Double>> ttfc = new HashMap<>();
		Map<String, List<Double>> rate = new HashMap<>();
		Map<String, Integer> streamFailures = new HashMap<>();
		for (String key : Contenders.KEYS) {
			clients.put(key, Contenders.create(key, this.sim.baseUrl()));
			ttfc.put(key, new ArrayList<>());
			rate.put(key, new ArrayList<>());
			repRate.put(key, new ArrayList<>());
			for (int r = 0; r < this.repetitions; r++) {
				repRate.get(key).add(new ArrayList<>());
			}
		}
		for (int round = 0; round < rounds; round++) {
			for (int k = 0; k < Contenders.KEYS.size(); k++) {
				// Rotate who goes first so drift in the machine's load hits everyone
				// alike.
				String key = Contenders.KEYS.get((k + round) % Contenders.KEYS.size());
				Contender.StreamTiming t;
				try {
					t = clients.get(key).streamAndWait(Workload.LONG_PROMPT, Workload.LONG_MAX_TOKENS);
				}
				catch (Exception ex) {
					streamFailures.merge(key, 1, Integer::sum);
					continue;
				}
				if (round >= warmup) {
					int r = (round - warmup) / roundsPerRepetition;
					double firstMs = t.firstChunkNanos() / 1e6;
					double chunksPerSecond = (t.chunks() - 1) / (t.restNanos() / 1e9);
					ttfc.get(key).add(firstMs);
					rate.get(key).add(chunksPerSecond);
					repRate.get(key).get(r).add(chunksPerSecond);
				}
			}
		}
		Map<String, List<Double>> first = firstChunk(clients);
		clients.values().forEach(Contender::close);
		for (int r = 0; r < this.repetitions; r++) {
			double rawRateR = Stats.median(repRate.get("raw").get(r));
			double oursRateR = Stats.median(repRate.get("mlxlm").get(r));
			perRep("chunks/s / raw", oursRateR / rawRateR);
			perRep("chunks/s / LangChain4j", oursRateR / Stats.median(repRate.get("langchain4j").get(r)));
			perRep("LangChain4j chunks/s / raw", Stats.median(repRate.get("langchain4j").get(r)) / rawRateR);
		}
		double rawTtfc = Stats.median(ttfc.get("raw"));
		double rawRate = Stats.median(rate.get("raw"));
		this.md.append("## 2. Streaming: 2,000-chunk answer\n\n")
			.append(f("%d streams per contender (after %d warm-up) in " + this.repetitions
					+ " repetitions, one at a time, round-robin. Chunks/s counts from the "
					+ "first chunk to the end. The simulator formats and flushes every chunk in the same JVM, so the "
					+ "end-to-end rate is bounded by it on this 2-core machine; compare ratios.\n\n", rounds - warmup,
					warmup))
			.append("| Contender | TTFC median ms | TTFC spread ± | TTFC − raw ms | chunks/s median | spread ± | failed streams | chunks/s / raw |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (String key : Contenders.KEYS) {
			double t = Stats.median(ttfc.get(key));
			double c = Stats.median(rate.get(key));
			this.streaming.put(key, new double[] { t, c });
			this.md.append(f("| %s | %.2f | %.0f%% | %+.2f | %,.0f | %.0f%% | %d | **%.2f** |\n", Contenders.label(key),
					t, Stats.spreadPercent(ttfc.get(key)), t - rawTtfc, c, Stats.spreadPercent(rate.get(key)),
					streamFailures.getOrDefault(key, 0), c / rawRate));
		}
		double rawFirst = Stats.median(first.get("raw"));
		this.md.append(f("\n**Time to first chunk**, measured apart from the rates above (where each stream "
				+ "follows another client's 2,000 chunks): the short answer (%d tokens), %d streams per contender in "
				+ "each of the %d repetitions, one stream at a time and contenders alternating stream by stream (after "
				+ "%d warm-up rounds); a new connection per stream. The target is judged on the median of the "
				+ "per-repetition differences.\n\n", 16, FIRST_CHUNK_STREAMS, this.repetitions, FIRST_CHUNK_WARMUP))
			.append("| Contender | first chunk median ms | repetition medians ms | p90 ms | − raw ms |\n")
			.append("|---|---:|---:|---:|---:|\n");
		for (String key : Contenders.KEYS) {
			double t = Stats.median(first.get(key));
			this.firstChunk.put(key, new double[] { t });
			this.md.append(f("| %s | %.2f | %s | %.2f | %+.2f |\n", Contenders.label(key), t,
					range(this.firstChunkByRep.get(key), "%.2f"), Stats.percentile(first.get(key), 90), t - rawFirst));
		}
		this.md.append('\n');
	}

	private static final int FIRST_CHUNK_STREAMS = 40;

	private static final int FIRST_CHUNK_WARMUP = 10;

	private final Map<String, double[]> firstChunk = new HashMap<>();

	private final Map<String, List<Double>> firstChunkByRep = new HashMap<>();

	/*
	 * Time to first chunk of the short answer, contenders alternating stream by stream
	 * (rotated), so that the machine's drift hits each alike. Records the per-repetition
	 * gap to raw as "TTFC − raw ms".
	 */
	private Map<String, List<Double>> firstChunk(Map<String, Contender> clients) throws Exception {
		Map<String, List<Double>> all = new HashMap<>();
		for (String key : Contenders.KEYS) {
			all.put(key, new ArrayList<>());
			this.firstChunkByRep.put(key, new ArrayList<>());
		}
		int streams = this.quick ? FIRST_CHUNK_STREAMS / 2 : FIRST_CHUNK_STREAMS;
		for (int r = -1; r < this.repetitions; r++) {
			Map<String, List<Double>> rep = new HashMap<>();
			Contenders.KEYS.forEach((key) -> rep.put(key, new ArrayList<>()));
			for (int i = 0; i < ((r < 0) ? FIRST_CHUNK_WARMUP : streams); i++) {
				for (int k = 0; k < Contenders.KEYS.size(); k++) {
					String key = Contenders.KEYS.get((k + i) % Contenders.KEYS.size());
					Contender.StreamTiming t = clients.get(key)
						.streamAndWait(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS);
					rep.get(key).add(t.firstChunkNanos() / 1e6);
				}
			}
			if (r < 0) {
				continue;
			}
			for (String key : Contenders.KEYS) {
				all.get(key).addAll(rep.get(key));
				this.firstChunkByRep.get(key).add(Stats.median(rep.get(key)));
			}
			perRep("TTFC − raw ms", Stats.median(rep.get("mlxlm")) - Stats.median(rep.get("raw")));
		}
		return all;
	}

	private static String range(List<Double> values, String format) {
		return f(format + "–" + format, Collections.min(values), Collections.max(values));
	}

	// ---------------------------------------------------------------- concurrency

	private void concurrency() throws Exception {
		log("concurrency: 16/64/256 streams, one child JVM per contender and level");
		Path jfrDir = this.root.resolve("harness/target/jfr");
		Files.createDirectories(jfrDir);
		for (int level : new int[] { 16, 64, 256 }) {
			for (String key : Contenders.KEYS) {
				List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g", "-Djava.net.preferIPv4Stack=true"));
				if (level == 64) {
					cmd.add("-XX:StartFlightRecording=filename=" + jfrDir.resolve(key + "-64.jfr")
							+ ",settings=profile");
				}
				cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConcurrencyMain.class.getName(), key,
						this.sim.baseUrl(), String.valueOf(level)));
				List<String> out = run(cmd, 300);
				String line = out.stream()
					.filter((l) -> l.startsWith("RESULT "))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("no RESULT from " + key + "@" + level + ": " + out));
				Map<String, String> values = new LinkedHashMap<>();
				for (String kv : line.substring(7).split(" ")) {
					int eq = kv.indexOf('=');
					values.put(kv.substring(0, eq), kv.substring(eq + 1));
				}
				log(key + "@" + level + ": " + line);
				this.concurrency.computeIfAbsent(key, (k) -> new TreeMap<>()).put(level, values);
			}
		}
		this.md.append("## 3. Concurrency: N simultaneous 500-chunk streams\n\n")
			.append("Each contender and level runs in a fresh JVM (`-Xmx1g`), so threads and heap are the client's alone "
					+ "(the simulator stays in the harness JVM, one thread per connection). Threads are counted with "
					+ "`ThreadMXBean` every 5 ms. *extra at peak* = peak − threads before the client was created (so a "
					+ "client's own event loops count); *left after 5 s* = threads 5 s after the last stream ended − threads "
					+ "after a 3-stream warm-up (threads the burst created and did not release). Heap is the sampled "
					+ "used heap (G1/Serial as the JVM chose), peak − post-warm-up baseline. *launch s* = time for the loop "
					+ "that starts the N streams, i.e. how long `stream(...)`/`subscribe` held the caller.\n\n")
			.append("| Contender | streams | errors | chunks/s | throughput / raw | launch s | extra threads at peak | "
					+ "left after 5 s | peak heap Δ MB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (int level : new int[] { 16, 64, 256 }) {
			double raw = Double.parseDouble(this.concurrency.get("raw").get(level).get("chunksPerSec"));
			for (String key : Contenders.KEYS) {
				Map<String, String> v = this.concurrency.get(key).get(level);
				double rate = Double.parseDouble(v.get("chunksPerSec"));
				if (!"0".equals(v.get("errors"))) {
					this.notes.add(f("Concurrency, %s at %d streams: %s errors, first: `%s`.", Contenders.label(key),
							level, v.get("errors"), v.get("firstError").replace('_', ' ')));
				}
				this.md.append(f("| %s | %d | %s%s | %,.0f | %.2f | %.3f | +%d | %+d | %.0f |\n", Contenders.label(key),
						level, v.get("errors"), "true".equals(v.get("finished")) ? "" : " (timed out)", rate,
						rate / raw, Double.parseDouble(v.get("launchMs")) / 1000, extraAtPeak(v), leftAfter(v),
						Double.parseDouble(v.get("heapPeakMb")) - Double.parseDouble(v.get("heapBaseMb"))));
			}
		}
		this.md.append('\n');
		this.md.append("### JFR at 64 streams (`settings=profile`, files in `benchmarks/harness/target/jfr/`)\n\n");
		for (String key : Contenders.KEYS) {
			Path file = jfrDir.resolve(key + "-64.jfr");
			if (Files.exists(file)) {
				this.md.append(jfrSummary(Contenders.label(key), file));
			}
		}
	}

	private static int extraAtPeak(Map<String, String> v) {
		return Integer.parseInt(v.get("peakThreads")) - Integer.parseInt(v.get("threadsBeforeClient"));
	}

	private static int leftAfter(Map<String, String> v) {
		return Integer.parseInt(v.get("threadsAfter5s")) - Integer.parseInt(v.get("threadsAfterWarmup"));
	}

	/* Top sampled frames, and which threads were sampled, during the 64-stream run. */
	private static String jfrSummary(String label, Path file) throws IOException {
		Map<String, Integer> frames = new HashMap<>();
		Map<String, Integer> threadGroups = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
				continue;
			}
			samples++;
			List<RecordedFrame> stack = event.getStackTrace().getFrames();
			if (!stack.isEmpty()) {
				RecordedFrame top = stack.get(0);
				frames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
			}
			String thread = (event.getThread("sampledThread") == null) ? "?"
					: event.getThread("sampledThread").getJavaName();
			threadGroups.merge((thread != null) ? thread.replaceAll("[-#]?\\d+$", "-N").replaceAll("\\d+", "N") : "?",
					1, Integer::sum);
		}
		int total = Math.max(1, samples);
		StringBuilder sb = new StringBuilder("**").append(label)
			.append("** — ")
			.append(samples)
			.append(" execution samples. Hottest frames: ");
		sb.append(frames.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(5)
			.map((e) -> f("`%s` %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
			.collect(Collectors.joining(", ")));
		sb.append(". Busiest threads: ");
		sb.append(threadGroups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(4)
			.map((e) -> f("`%s` %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
			.collect(Collectors.joining(", ")));
		return sb.append(".\n\n").toString();
	}

	// ---------------------------------------------------------------- start-up

	private void startup() throws Exception {
		log("start-up: minimal Boot app alone, with our starter, with Spring AI's OpenAI starter");
		Path plainLib = this.root.resolve("startup-plain/target/lib");
		Path plainClasses = this.root.resolve("startup-plain/target/classes");
		String plainCp = plainClasses + File.pathSeparator + plainLib + File.separator + "*";
		String oursCp = this.root.resolve("startup-mlxlm/target/lib") + File.separator + "*";
		String theirsCp = this.root.resolve("startup-spring-ai/target/lib") + File.separator + "*";
		try (Trap ours = new Trap(); Trap theirs = new Trap()) {
			List<String> common = List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN");
			Map<String, List<String>> cmds = new LinkedHashMap<>();
			cmds.put("plain", startupCommand(plainCp, common, List.of()));
			cmds.put("mlxlm", startupCommand(oursCp, common, oursArgs(ours.url())));
			cmds.put("springai", startupCommand(theirsCp, common, theirsArgs(theirs.url())));
			List<String> nochat = new ArrayList<>(oursArgs(ours.url()));
			nochat.add("--spring.ai.model.chat=none");
			cmds.put("nochat", startupCommand(oursCp, common, nochat));
			// The same class path without the starter's auto-configurations: what they
			// add, apart from the libraries (Boot, the WebClient, Spring AI's
			// chat-client,
			// tool and observation auto-configurations) any Spring AI application has.
			List<String> samelibs = new ArrayList<>(oursArgs(ours.url()));
			samelibs.add("--spring.autoconfigure.exclude=" + String.join(",", OUR_AUTO_CONFIGURATIONS));
			cmds.put("samelibs", startupCommand(oursCp, common, samelibs));
			Map<String, List<Double>> inApp = new HashMap<>();
			Map<String, List<Double>> wall = new HashMap<>();
			cmds.keySet().forEach((v) -> {
				inApp.put(v, new ArrayList<>());
				wall.put(v, new ArrayList<>());
			});
			Map<String, String> beans = new HashMap<>();
			Map<String, String> classes = new HashMap<>();
			List<Map.Entry<String, List<String>>> variants = new ArrayList<>(cmds.entrySet());
			for (int i = 0; i < (this.quick ? 4 : 11); i++) {
				// Rotated, so that no variant always follows the same one.
				Collections.rotate(variants, 1);
				for (Map.Entry<String, List<String>> variant : variants) {
					long t0 = System.nanoTime();
					List<String> out = run(variant.getValue(), 120);
					double ms = (System.nanoTime() - t0) / 1e6;
					String[] started = out.stream()
						.filter((l) -> l.startsWith("STARTED "))
						.findFirst()
						.orElseThrow(() -> new IllegalStateException(variant.getKey() + " did not start: " + out))
						.split(" ");
					if (i > 0) {
						inApp.get(variant.getKey()).add(Double.parseDouble(started[1]));
						wall.get(variant.getKey()).add(ms);
					}
					beans.put(variant.getKey(), started[2]);
					classes.put(variant.getKey(), started[3]);
				}
			}
			int oursConnections = ours.connectionsChecked();
			int theirsConnections = theirs.connectionsChecked();
			double plain = Stats.median(inApp.get("plain"));
			double mine = Stats.median(inApp.get("mlxlm"));
			double spring = Stats.median(inApp.get("springai"));
			this.startupAdded = mine - plain;
			// Paired within each round of runs: the machine's drift between rounds
			// cancels.
			List<Double> own = new ArrayList<>();
			for (int j = 0; j < inApp.get("mlxlm").size(); j++) {
				own.add(inApp.get("mlxlm").get(j) - inApp.get("samelibs").get(j));
			}
			this.startupOwn = Stats.median(own);
			this.startupOwnRange = range(own, "%+.0f");
			this.startupAddedSpringAi = spring - plain;
			this.startupConnections = oursConnections;
			this.md.append("## 4. Start-up and the first call\n\n")
				.append("A minimal `@SpringBootApplication` (non-web), with only `spring-boot-starter`, with "
						+ "`mlxlm-spring-boot-starter` added (health contributor on, `mlxlm.test-connection=false`, "
						+ "`mlxlm.warm-up=false`), and with `spring-ai-starter-model-openai` added instead (api key `none`). "
						+ "10 measured runs each (after 1 warm-up), in rounds of one run of each variant, the order rotated "
						+ "from round to round, in this one run. *ready* = JVM start → "
						+ "`SpringApplication.run` returned, measured inside the app; *process* = fork → exit, measured outside.\n\n")
				.append("| App | ready median ms | spread ± | process median ms | added (ready) ms | bean definitions | classes loaded |\n")
				.append("|---|---:|---:|---:|---:|---:|---:|\n");
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("plain", "without a starter");
			labels.put("mlxlm", "with `mlxlm-spring-boot-starter`");
			labels.put("springai", "with `spring-ai-starter-model-openai`");
			labels.put("samelibs", "the starter's libraries, its auto-configurations excluded");
			labels.put("nochat", "diagnostic: with our starter, `spring.ai.model.chat=none` (no chat model bean)");
			for (Map.Entry<String, String> label : labels.entrySet()) {
				String v = label.getKey();
				double ready = Stats.median(inApp.get(v));
				this.md.append(f("| %s | %.0f | %.0f%% | %.0f | %s | %s | %s |\n", label.getValue(), ready,
						Stats.spreadPercent(inApp.get(v)), Stats.median(wall.get(v)),
						"plain".equals(v) ? "—" : f("%+.0f", ready - plain), beans.get(v), classes.get(v)));
			}
			this.md
				.append(f(
						"\nAdded by our starter: **%+.0f ms** (ready), %+.0f ms (process); added by Spring AI's OpenAI "
								+ "starter: **%+.0f ms** (ready), %+.0f ms (process). Ours / theirs: **%.2f**.\n\n",
						mine - plain, Stats.median(wall.get("mlxlm")) - Stats.median(wall.get("plain")), spring - plain,
						Stats.median(wall.get("springai")) - Stats.median(wall.get("plain")),
						(mine - plain) / (spring - plain)))
				.append(f("What the starter's own auto-configuration adds over an application with the same libraries "
						+ "(its auto-configurations excluded), the median of the 10 rounds' differences (each round runs "
						+ "every variant once): **%+.0f ms** (ready), rounds %s ms.\n\n", this.startupOwn,
						this.startupOwnRange))
				.append(f(
						"No network at start-up: the base URLs pointed at loopback `ServerSocket`s that accepted **%d** "
								+ "connections during our starter's 22 start-ups and %d during Spring AI's 11 (positive control: "
								+ "a probe connection afterwards was counted by each).\n\n",
						oursConnections, theirsConnections));
			if (oursConnections != 0) {
				throw new IllegalStateException(
						"start-up connection check failed: " + oursConnections + " connections");
			}
		}
		firstCall(plainCp, oursCp, theirsCp);
	}

	/*
	 * First chat call after start-up (warm-up off) against a warm one, in fresh JVMs,
	 * ours and Spring AI's.
	 */
	private void firstCall(String plainCp, String oursCp, String theirsCp) throws Exception {
		log("first chat call after start-up");
		int runs = 5;
		int calls = 40;
		List<String> common = List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--bench.calls=" + calls, "--bench.prompt=" + Workload.SHORT_PROMPT);
		Map<String, List<String>> cmds = new LinkedHashMap<>();
		cmds.put("mlxlm", startupCommand(oursCp, common, oursArgs(this.sim.baseUrl())));
		cmds.put("springai", startupCommand(theirsCp, common, theirsArgs(this.sim.baseUrl())));
		Map<String, List<Double>> first = new HashMap<>();
		Map<String, List<Double>> warm = new HashMap<>();
		for (int i = 0; i < runs; i++) {
			for (Map.Entry<String, List<String>> variant : cmds.entrySet()) {
				List<String> out = run(variant.getValue(), 120);
				String[] line = out.stream()
					.filter((l) -> l.startsWith("CALLS "))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException(variant.getKey() + " made no calls: " + out))
					.split(" ");
				if (!Workload.SHORT_ANSWER.equals(line[3].replace('_', ' '))) {
					throw new IllegalStateException(variant.getKey() + ": unexpected first answer " + line[3]);
				}
				first.computeIfAbsent(variant.getKey(), (k) -> new ArrayList<>())
					.add(Double.parseDouble(line[1]) / 1000);
				warm.computeIfAbsent(variant.getKey(), (k) -> new ArrayList<>())
					.add(Double.parseDouble(line[2]) / 1000);
			}
		}
		this.md
			.append(f("**First chat call after start-up.** The same apps pointed at the simulator, %d fresh JVMs each "
					+ "(alternating), each making %d `ChatModel.call(String)` calls right after `SpringApplication.run` returned; "
					+ "*warm* = median of the last %d calls of that JVM. No warm-up request (`mlxlm.warm-up=false`).\n\n",
					runs, calls, calls / 2))
			.append("| App | first call median ms | spread ± | warm call median ms | first − warm ms |\n|---|---:|---:|---:|---:|\n");
		for (String v : cmds.keySet()) {
			double fc = Stats.median(first.get(v));
			double wc = Stats.median(warm.get(v));
			this.md.append(f("| %s | %.1f | %.0f%% | %.2f | %+.1f |\n",
					"mlxlm".equals(v) ? "with `mlxlm-spring-boot-starter`" : "with `spring-ai-starter-model-openai`",
					fc, Stats.spreadPercent(first.get(v)), wc, fc - wc));
			if ("mlxlm".equals(v)) {
				this.firstCallGap = fc - wc;
			}
		}
		this.md.append('\n');
	}

	private double firstCallGap;

	private double startupAddedSpringAi;

	private static List<String> oursArgs(String baseUrl) {
		return List.of("--mlxlm.base-url=" + baseUrl, "--mlxlm.model=" + Contenders.MODEL,
				"--mlxlm.test-connection=false", "--mlxlm.warm-up=false");
	}

	private static List<String> theirsArgs(String baseUrl) {
		return List.of("--spring.ai.openai.base-url=" + baseUrl, "--spring.ai.openai.api-key=none",
				"--spring.ai.openai.chat.options.model=" + Contenders.MODEL);
	}

	private static List<String> startupCommand(String cp, List<String> common, List<String> args) {
		List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xshare:auto", "-Djava.net.preferIPv4Stack=true", "-cp",
				cp, "io.github.mlxlm.bench.startup.StartupApp"));
		cmd.addAll(common);
		cmd.addAll(args);
		return cmd;
	}

	private double startupAdded;

	private int startupConnections;

	// ---------------------------------------------------------------- footprint

	private void footprint() throws IOException {
		log("footprint");
		Map<String, Long> ours = jars(this.root.resolve("footprint-mlxlm/target/lib"));
		Map<String, Long> theirs = jars(this.root.resolve("footprint-spring-ai/target/lib"));
		Map<String, Long> plain = jars(this.root.resolve("startup-plain/target/lib"));
		long oursSize = ours.values().stream().mapToLong(Long::longValue).sum();
		long theirsSize = theirs.values().stream().mapToLong(Long::longValue).sum();
		long plainSize = plain.values().stream().mapToLong(Long::longValue).sum();
		this.md.append("## 5. Footprint: runtime dependency closure\n\n")
			.append("`dependency:copy-dependencies -DincludeScope=runtime` of a module depending on nothing but the starter "
					+ "(`footprint-mlxlm`, `footprint-spring-ai`); *added* = over the closure of `spring-boot-starter` alone "
					+ "(`startup-plain`). *Fat jar* = `spring-boot-maven-plugin` `repackage` of the start-up apps of section 4.\n\n")
			.append("| Closure | jars | MB | added MB | fat jar MB |\n|---|---:|---:|---:|---:|\n")
			.append(f("| `spring-boot-starter` alone | %d | %.1f | — | %s |\n", plain.size(), plainSize / 1048576.0,
					fatJar("startup-plain")))
			.append(f("| `mlxlm-spring-boot-starter` | %d | %.1f | %.1f | %s |\n", ours.size(), oursSize / 1048576.0,
					(oursSize - plainSize) / 1048576.0, fatJar("startup-mlxlm")))
			.append(f("| `spring-ai-starter-model-openai` | %d | %.1f | %.1f | %s |\n", theirs.size(),
					theirsSize / 1048576.0, (theirsSize - plainSize) / 1048576.0, fatJar("startup-spring-ai")))
			.append(f(
					"\nRatio ours / Spring AI's: **%.2f** by size (%.2f of what each adds to `spring-boot-starter`). "
							+ "Largest jars only in ours: %s. Largest only in theirs: %s.\n\n",
					(double) oursSize / theirsSize, (double) (oursSize - plainSize) / (theirsSize - plainSize),
					only(ours, theirs), only(theirs, ours)));
		this.footprintRatio = (double) oursSize / theirsSize;
		// The transport rewrite removed the OpenAI SDK and what it pulls in: check the
		// closure's groupIds.
		List<String> banned = List.of("com.openai", "com.squareup.okhttp3", "com.squareup.okio",
				"org.jetbrains.kotlin");
		List<String> oursBanned = bannedIn(this.root.resolve("footprint-mlxlm/target/dependencies.txt"), banned);
		List<String> theirsBanned = bannedIn(this.root.resolve("footprint-spring-ai/target/dependencies.txt"), banned);
		this.bannedFound = oursBanned;
		this.md
			.append("**No OpenAI SDK, OkHttp, Okio or Kotlin with our starter.** Artifacts of groupId `com.openai`, "
					+ "`com.squareup.okhttp3`, `com.squareup.okio` or `org.jetbrains.kotlin` in the runtime closure "
					+ "(`dependency:list`): ours ")
			.append(oursBanned.isEmpty() ? "**none**"
					: "**" + oursBanned.size() + "**: " + String.join(", ", oursBanned))
			.append("; Spring AI's OpenAI starter (positive control) ")
			.append(theirsBanned.size())
			.append(": ")
			.append(theirsBanned.stream().map((a) -> "`" + a + "`").collect(Collectors.joining(", ")))
			.append(".\n\n");
	}

	private List<String> bannedFound = List.of();

	private static List<String> bannedIn(Path list, List<String> groups) throws IOException {
		return Files.readAllLines(list)
			.stream()
			.map(String::trim)
			.filter((l) -> groups.stream().anyMatch((g) -> l.startsWith(g + ":")))
			.map((l) -> l.replaceAll(":jar:", ":").replaceAll(":(compile|runtime)(\\s.*)?$", ""))
			.sorted()
			.toList();
	}

	private String fatJar(String module) throws IOException {
		try (Stream<Path> files = Files.list(this.root.resolve(module + "/target"))) {
			return files.filter((p) -> p.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.map((p) -> f("%.1f", p.toFile().length() / 1048576.0))
				.orElse("?");
		}
	}

	private double footprintRatio;

	private static Map<String, Long> jars(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((p) -> p.toString().endsWith(".jar"))
				.collect(Collectors.toMap((p) -> p.getFileName().toString(), (p) -> p.toFile().length(), (a, b) -> a,
						TreeMap::new));
		}
	}

	private static String only(Map<String, Long> a, Map<String, Long> b) {
		String s = a.entrySet()
			.stream()
			.filter((e) -> !b.containsKey(e.getKey()))
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(5)
			.map((e) -> f("`%s` (%.1f MB)", e.getKey(), e.getValue() / 1048576.0))
			.collect(Collectors.joining(", "));
		return s.isEmpty() ? "none" : s;
	}

	// ---------------------------------------------------------------- targets

	private void targets(Duration elapsed) {
		double rateRatio = repMedian("chunks/s / raw");
		double vsLangChain4j = repMedian("chunks/s / LangChain4j");
		double ttfcGap = repMedian("TTFC − raw ms");
		double layers = repMedian("chat model layers µs");
		double wireRatio = repMedian("wire streamed / raw streamed");
		StringBuilder t = new StringBuilder("## Targets (stated, not tuned for)\n\n").append(f(
				"Ours = the starter's `MlxLmChatModel`; the other columns are the same measurement of the hand-configured "
						+ "alternatives, for comparison (no target applies to them). Rows marked *median [min – max]* are "
						+ "measured in %d repetitions, contenders interleaved within each: the value is the median of the "
						+ "per-repetition values, and a target is met when that median meets it. Sections below give the "
						+ "details.\n\n",
				this.repetitions))
			.append("| Target | Ours | Met? | Spring AI `OpenAiChatModel` by hand | LangChain4j |\n|---|---|---|---|---|\n")
			.append(f("| chunks/s ≥ 0.9 × raw floor (§2), median [min – max] | %s × raw | %s | %.2f × | %s × |\n",
					repSummary("chunks/s / raw", "%.2f"), met(rateRatio >= 0.9), ratio(this.streaming, "springai", 1),
					repSummary("LangChain4j chunks/s / raw", "%.2f")))
			.append(f("| chunks/s ≥ LangChain4j's (§2), median [min – max] | %s × LangChain4j | %s | — | 1.00 |\n",
					repSummary("chunks/s / LangChain4j", "%.2f"), met(vsLangChain4j >= 1.0)))
			.append(f(
					"| time to first chunk ≤ raw + 1 ms (§2, short answer, measured apart), median [min – max] | raw + %s ms | %s | raw %+.2f ms | raw %+.2f ms |\n",
					repSummary("TTFC − raw ms", "%.2f"), met(ttfcGap <= 1.0), gap(this.firstChunk, "springai"),
					gap(this.firstChunk, "langchain4j")))
			.append(f(
					"| `call`: the chat model's own layers over its wire ≤ 50 µs (§1), median [min – max] | %s µs | %s | — | — |\n",
					repSummary("chat model layers µs", "%+.0f"), met(layers <= 50)))
			.append(f(
					"| `call`: the wire's streamed call ≤ 1.10 × the raw streamed call (§1), median [min – max] | %s × | %s | — | — |\n",
					repSummary("wire streamed / raw streamed", "%.2f"), met(wireRatio <= 1.10)))
			.append(f(
					"| (for reference) `call` / raw non-streaming call (§1), median [min – max] | %s × | — | %.2f × | %.2f × |\n",
					repSummary("call / raw", "%.2f"), this.latency.get("springai")[0] / this.latency.get("raw")[0],
					this.latency.get("langchain4j")[0] / this.latency.get("raw")[0]));
		if (!this.quick) {
			Map<String, String> c64 = this.concurrency.get("mlxlm").get(64);
			Map<String, String> c256 = this.concurrency.get("mlxlm").get(256);
			int extra = extraAtPeak(c64);
			int left = leftAfter(c64);
			double launch256 = Double.parseDouble(c256.get("launchMs")) / 1000;
			t.append(f("| 64 streams: ≤ +8 live threads at peak (§3) | %+d | %s | %+d | %+d |\n", extra,
					met(extra <= 8), extraAtPeak(this.concurrency.get("springai").get(64)),
					extraAtPeak(this.concurrency.get("langchain4j").get(64))))
				.append(f("| 64 streams: none left 5 s later (§3) | %+d | %s | %+d | %+d |\n", left, met(left <= 0),
						leftAfter(this.concurrency.get("springai").get(64)),
						leftAfter(this.concurrency.get("langchain4j").get(64))))
				.append(f("| launching 256 streams holds the caller ≤ 0.1 s (§3) | %.2f s | %s | %.2f s | %.2f s |\n",
						launch256, met(launch256 <= 0.1), launch(this.concurrency.get("springai").get(256)),
						launch(this.concurrency.get("langchain4j").get(256))));
			for (ScaleBench.Result r : this.scale) {
				boolean flat = r.threadsPeak() - r.threadsBefore() <= 8;
				t.append(f(
						"| 1,024 slow streams through %s: heap ≤ 64 KB per open stream, threads flat, no error (§3b) "
								+ "| %.1f KB, threads %d → %d, %d failed, %.0f µs CPU per chunk | %s | — | — |\n",
						r.label(), r.heapPerStreamKb(), r.threadsBefore(), r.threadsPeak(), r.errors(),
						r.cpuMicrosPerChunk(),
						met(r.heapPerStreamKb() <= 64 && flat && r.errors() == 0 && r.completed() == r.streams())));
			}
		}
		t.append(f(
				"| start-up: the starter's auto-configuration adds ≤ 100 ms over the same libraries without it (§4), median of paired rounds [min – max] | %+.0f [%s] ms | %s | — | — |\n",
				this.startupOwn, this.startupOwnRange.replace("–", " – "), met(this.startupOwn <= 100)))
			.append(f(
					"| first chat call after start-up ≤ 100 ms over a warm one, warm-up off (§4) | %+.1f ms | %s | see §4 | — |\n",
					this.firstCallGap, met(this.firstCallGap <= 100)))
			.append(f(
					"| (for reference) start-up added over a bare Boot app, against Spring AI's OpenAI starter (§4) | %+.0f ms vs %+.0f ms (%.2f ×) | — | — | — |\n",
					this.startupAdded, this.startupAddedSpringAi, this.startupAdded / this.startupAddedSpringAi));
		if (!this.quick) {
			t.append(f("| runtime closure ≤ ½ of Spring AI's OpenAI starter's (§5) | %.2f × by MB | %s | — | — |\n",
					this.footprintRatio, met(this.footprintRatio <= 0.5)))
				.append(f("| no `com.openai`, OkHttp, Okio or Kotlin jar with the starter (§5) | %s | %s | — | — |\n",
						this.bannedFound.isEmpty() ? "none" : String.join(", ", this.bannedFound),
						met(this.bannedFound.isEmpty())));
		}
		t.append(f("| no connection at start-up (§4) | %d connections | %s | — | — |\n", this.startupConnections,
				met(this.startupConnections == 0)))
			.append(f("\nWhole run: %d s%s.\n\n", elapsed.toSeconds(),
					this.quick ? " (quick mode: 2 repetitions, no concurrency, scale or footprint)" : ""));
		this.md.insert(this.headerEnd, t);
		this.md.append("## 6. Observations recorded by the harness\n\n");
		if (this.notes.isEmpty()) {
			this.md.append("None: no failed operation, re-send or stream error outside what the tables show.\n");
		}
		this.notes.forEach((n) -> this.md.append("- ").append(n).append('\n'));
		Path analysis = this.root.resolve("ANALYSIS.md");
		if (Files.exists(analysis)) {
			try {
				this.md.append("\n").append(Files.readString(analysis));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

	private int headerEnd;

	private static final List<String> OUR_AUTO_CONFIGURATIONS = List.of(
			"io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorAutoConfiguration",
			"io.github.mlxlm.autoconfigure.simulator.MlxLmSimulatorDependencyAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmChatAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmChatClientAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmHealthContributorAutoConfiguration",
			"io.github.mlxlm.autoconfigure.fleet.MlxLmFleetAutoConfiguration",
			"io.github.mlxlm.autoconfigure.fleet.MlxLmFleetHealthContributorAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmConnectionTestAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmMetricsAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmSanitizingAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmOpenAiChatPropertiesAutoConfiguration",
			"io.github.mlxlm.autoconfigure.MlxLmUnknownPropertiesAutoConfiguration");

	private void perRep(String name, double value) {
		this.perRepetition.computeIfAbsent(name, (k) -> new ArrayList<>()).add(value);
	}

	private double repMedian(String name) {
		return Stats.median(this.perRepetition.get(name));
	}

	/* The median of the repetitions and their range, as the targets table shows it. */
	private String repSummary(String name, String format) {
		List<Double> values = this.perRepetition.get(name);
		return f(format, Stats.median(values)) + " [" + f(format, java.util.Collections.min(values)) + " – "
				+ f(format, java.util.Collections.max(values)) + "]";
	}

	private void scale() throws Exception {
		log("scale: 1,024 concurrent slow streams");
		this.scale.addAll(ScaleBench.run(this.root));
		ScaleBench.report(this.md, this.scale);
	}

	private double ratio(Map<String, double[]> values, String key, int index) {
		return values.get(key)[index] / values.get("raw")[index];
	}

	private double gap(Map<String, double[]> values, String key) {
		return values.get(key)[0] - values.get("raw")[0];
	}

	private static double launch(Map<String, String> v) {
		return Double.parseDouble(v.get("launchMs")) / 1000;
	}

	private static String met(boolean met) {
		return met ? "✅ met" : "❌ **missed**";
	}

	// ---------------------------------------------------------------- processes

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static List<String> run(List<String> command, int timeoutSeconds) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				// process ended
			}
		});
		reader.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + command);
		}
		reader.join(5000);
		synchronized (lines) {
			return new ArrayList<>(lines);
		}
	}

	/**
	 * A loopback ServerSocket that counts the connections it accepts (it must accept
	 * none).
	 */
	private static final class Trap implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket();

		private final AtomicInteger accepted = new AtomicInteger();

		Trap() throws IOException {
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try (Socket s = this.socket.accept()) {
						this.accepted.incrementAndGet();
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "bench-trap");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + "/v1";
		}

		/*
		 * Connections so far; then a probe connection must be counted, or the check is
		 * void.
		 */
		int connectionsChecked() throws Exception {
			Thread.sleep(200);
			int during = this.accepted.get();
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), this.socket.getLocalPort())) {
				probe.getOutputStream().flush();
			}
			long until = System.currentTimeMillis() + 2000;
			while (this.accepted.get() == during && System.currentTimeMillis() < until) {
				Thread.sleep(10);
			}
			if (this.accepted.get() != during + 1) {
				throw new IllegalStateException(
						"the start-up connection check is inconclusive: the probe was not counted");
			}
			return during;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}

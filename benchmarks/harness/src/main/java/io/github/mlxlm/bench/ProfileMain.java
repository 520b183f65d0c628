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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.mlxlm.simulator.MlxLmSimulator;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Diagnostic, not part of {@code run.sh}: where one contender's time goes in one
 * operation, from a JFR recording ({@code settings=profile}) taken in this JVM, the
 * simulator's own threads left out. Arguments: {@code call|stream|launch|ttfc}, a
 * contender key, seconds, and optionally the host name to use instead of
 * {@code 127.0.0.1} (such as {@code localhost}).
 * <ul>
 * <li>{@code call}: blocking calls of the short answer in a loop;</li>
 * <li>{@code stream}: 2,000-chunk streams one at a time;</li>
 * <li>{@code launch}: 256 streams started at once, again and again; only the launching
 * thread ({@code main}) is profiled;</li>
 * <li>{@code ttfc}: no profile; time to first chunk of the 16-token and of the
 * 2,000-token answer, alternating.</li>
 * </ul>
 * Or {@code jfr <file> <from ms> <to ms>}: the same report of an existing recording,
 * samples between two times since the JVM started (such as a start-up app's first call).
 * Prints the share of samples with a frame in each layer (inclusive: a sample can count
 * in several) and the hottest frames.
 *
 * @author mlxlm developers
 */
public final class ProfileMain {

	private ProfileMain() {
	}

	/** Layers by package prefix, first match of a frame wins for that frame. */
	private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

	static {
		LAYERS.put("name resolution", List.of("io.netty.resolver", "reactor.netty.transport.NameResolverProvider",
				"reactor.netty.transport.AddressUtils", "java.net.InetAddress", "java.net.InetSocketAddress"));
		LAYERS.put("connection set-up (bootstrap, channel, pipeline)", List.of("io.netty.bootstrap",
				"reactor.netty.transport.TransportConnector", "reactor.netty.transport.TransportConfig",
				"reactor.netty.http.client.HttpClientConfig$HttpClientChannelInitializer",
				"reactor.netty.http.client.HttpClientConfig.configureHttp11Pipeline",
				"io.netty.channel.DefaultChannelPipeline.addLast", "io.netty.channel.epoll.EpollSocketChannel.<init>",
				"io.netty.channel.epoll.AbstractEpollChannel.<init>", "io.netty.channel.AbstractChannel.<init>",
				"io.netty.channel.epoll.AbstractEpollStreamChannel.<init>", "io.netty.channel.unix.Socket.connect",
				"io.netty.channel.epoll.AbstractEpollChannel.doConnect",
				"io.netty.channel.epoll.LinuxSocket.newSocketStream"));
		LAYERS.put("Reactor Netty HTTP client (request/response handling)", List.of("reactor.netty.http.client"));
		LAYERS.put("Netty HTTP codec", List.of("io.netty.handler.codec"));
		LAYERS.put("Spring codecs (SSE, strings, buffers)", List.of("org.springframework.http.codec",
				"org.springframework.core.codec", "org.springframework.core.io.buffer"));
		LAYERS.put("WebClient (exchange, filters, request building)", List
			.of("org.springframework.web.reactive.function.client", "org.springframework.http.client.reactive"));
		LAYERS.put("observation", List.of("io.micrometer.observation", "org.springframework.ai.chat.observation"));
		LAYERS.put("Jackson", List.of("tools.jackson", "com.fasterxml.jackson"));
		LAYERS.put("starter chat model (options, request, responses)", List.of("io.github.mlxlm.chat"));
		LAYERS.put("starter wire (MlxLmApi)", List.of("io.github.mlxlm.api"));
		LAYERS.put("Spring AI model types", List.of("org.springframework.ai"));
		LAYERS.put("Reactor operators", List.of("reactor.core"));
		LAYERS.put("socket I/O and event loop", List.of("io.netty.channel.epoll.Native", "io.netty.channel.unix",
				"sun.nio.ch", "io.netty.channel.nio"));
		LAYERS.put("JDK HttpClient", List.of("jdk.internal.net.http"));
		LAYERS.put("OkHttp / openai-java / Kotlin", List.of("okhttp3", "okio", "com.openai", "kotlin"));
	}

	private static long windowFrom = -1;

	private static long windowTo = Long.MAX_VALUE;

	/** CPU time of the launching thread per launch of 256 streams, ms. */
	private static final List<Double> launchCpu = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		if ("jfr".equals(args[0])) {
			// An existing recording, samples between two times in ms since the JVM
			// started.
			windowFrom = Long.parseLong(args[2]);
			windowTo = Long.parseLong(args[3]);
			report(Path.of(args[1]), null);
			return;
		}
		String mode = args[0];
		String key = args[1];
		int seconds = Integer.parseInt(args[2]);
		// Optional fourth argument: the host name to reach the simulator by, such as
		// localhost.
		String host = (args.length > 3) ? args[3] : null;
		try (MlxLmSimulator sim = Workload.startSimulator();
				Contender c = Contenders.create(key,
						(host != null) ? sim.baseUrl().replace("127.0.0.1", host) : sim.baseUrl())) {
			if ("ttfc".equals(mode)) {
				ttfc(c, seconds);
				return;
			}
			// Warm-up outside the recording.
			run(mode, c, Math.max(3, seconds / 3), null);
			Path file = Files.createTempFile("profile-" + mode + "-" + key, ".jfr");
			List<Double> launches = new ArrayList<>();
			try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
				recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
				recording.start();
				int ops = run(mode, c, seconds, launches);
				recording.stop();
				recording.dump(file);
				System.out.printf(Locale.ROOT, "%s %s: %d operations in %d s (%.1f µs each)%n", mode, key, ops, seconds,
						seconds * 1e6 / ops);
			}
			if (!launches.isEmpty()) {
				System.out.println(
						"launch of 256 streams, ms: "
								+ launches.stream()
									.sorted()
									.map((d) -> String.format(Locale.ROOT, "%.0f", d))
									.collect(Collectors.joining(" "))
								+ "; CPU time of the launching thread meanwhile, ms: "
								+ launchCpu.stream()
									.sorted()
									.map((d) -> String.format(Locale.ROOT, "%.0f", d))
									.collect(Collectors.joining(" ")));
			}
			report(file, "launch".equals(mode) ? "main" : null);
		}
		System.exit(0);
	}

	private static int run(String mode, Contender c, int seconds, List<Double> launches) throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		int ops = 0;
		while (System.nanoTime() < end) {
			switch (mode) {
				case "call" -> {
					try {
						c.call(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS);
					}
					catch (Exception ex) {
						// the JDK client's stale pooled connections: counted by the
						// benchmark, not here
					}
				}
				case "stream" -> c.streamAndWait(Workload.LONG_PROMPT, Workload.LONG_MAX_TOKENS);
				case "launch" -> {
					CountDownLatch done = new CountDownLatch(256);
					java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
					long cpu0 = mx.getCurrentThreadCpuTime();
					long t0 = System.nanoTime();
					for (int i = 0; i < 256; i++) {
						c.stream(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS, new Contender.StreamListener() {
							@Override
							public void chunk(String text) {
							}

							@Override
							public void done() {
								done.countDown();
							}

							@Override
							public void error(Throwable error) {
								done.countDown();
							}
						});
					}
					if (launches != null) {
						launches.add((System.nanoTime() - t0) / 1e6);
						launchCpu.add((mx.getCurrentThreadCpuTime() - cpu0) / 1e6);
					}
					done.await(60, TimeUnit.SECONDS);
				}
				default -> throw new IllegalArgumentException(mode);
			}
			ops++;
		}
		return ops;
	}

	private static void ttfc(Contender c, int rounds) throws Exception {
		List<Double> shortOnes = new ArrayList<>();
		List<Double> longOnes = new ArrayList<>();
		for (int i = 0; i < rounds + 5; i++) {
			Contender.StreamTiming s = c.streamAndWait(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS);
			Contender.StreamTiming l = c.streamAndWait(Workload.LONG_PROMPT, Workload.LONG_MAX_TOKENS);
			if (i >= 5) {
				shortOnes.add(s.firstChunkNanos() / 1e6);
				longOnes.add(l.firstChunkNanos() / 1e6);
			}
		}
		System.out.printf(Locale.ROOT,
				"ttfc %s: 16-token answer median %.2f ms (spread ±%.0f%%), 2,000-token answer median %.2f ms (±%.0f%%), %d each%n",
				c.name(), Stats.median(shortOnes), Stats.spreadPercent(shortOnes), Stats.median(longOnes),
				Stats.spreadPercent(longOnes), rounds);
	}

	private static void report(Path file, String onlyThread) throws Exception {
		Map<String, Integer> layers = new LinkedHashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> threads = new HashMap<>();
		Map<String, Integer> leaves = new HashMap<>();
		int samples = 0;
		List<RecordedEvent> events = RecordingFile.readAllEvents(file);
		java.time.Instant jvmStart = events.stream()
			.filter((e) -> "jdk.JVMInformation".equals(e.getEventType().getName()))
			.map((e) -> e.getInstant("jvmStartTime"))
			.findFirst()
			.orElse(java.time.Instant.EPOCH);
		for (RecordedEvent event : events) {
			if (windowFrom >= 0) {
				long at = java.time.Duration.between(jvmStart, event.getStartTime()).toMillis();
				if (at < windowFrom || at > windowTo) {
					continue;
				}
			}
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
				continue;
			}
			String thread = (event.getThread("sampledThread") != null) ? event.getThread("sampledThread").getJavaName()
					: "?";
			if (thread == null || thread.startsWith("mlxlm-simulator")
					|| (onlyThread != null && !onlyThread.equals(thread))) {
				continue;
			}
			samples++;
			threads.merge(thread.replaceAll("\\d+", "N"), 1, Integer::sum);
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (!frames.isEmpty()) {
				RecordedFrame top = frames.get(0);
				self.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
			}
			String leaf = null;
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (RecordedFrame frame : frames) {
				String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
				for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
					if (layer.getValue().stream().anyMatch(name::startsWith)) {
						seen.add(layer.getKey());
						if (leaf == null) {
							leaf = layer.getKey();
						}
						break;
					}
				}
			}
			seen.forEach((l) -> layers.merge(l, 1, Integer::sum));
			leaves.merge((leaf != null) ? leaf : "other (JDK only: JIT'd lambdas, GC barriers, ...)", 1, Integer::sum);
		}
		int total = Math.max(1, samples);
		System.out.println(samples + " execution samples" + ((onlyThread != null) ? " on thread " + onlyThread : "")
				+ " (simulator threads left out); threads: "
				+ threads.entrySet()
					.stream()
					.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
					.limit(5)
					.map((e) -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
					.collect(Collectors.joining(", ")));
		System.out.println("samples with a frame in (inclusive):");
		layers.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach(
					(e) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
		System.out.println("samples by the layer nearest the leaf (exclusive: whose code was running):");
		leaves.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach(
					(e) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
		System.out.println("hottest frames (self):");
		self.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(12)
			.forEach(
					(e) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
		System.out.println("recording: " + file);
	}

}

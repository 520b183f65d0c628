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
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.mlxlm.autoconfigure.MlxLmAutoConfiguration;
import io.github.mlxlm.autoconfigure.MlxLmChatAutoConfiguration;
import io.github.mlxlm.autoconfigure.fleet.MlxLmFleetAutoConfiguration;
import io.github.mlxlm.chat.MlxLmChatModel;
import io.github.mlxlm.chat.MlxLmChatOptions;
import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The fleet benchmark: several simulators with realistic pacing behind
 * {@code lb://mlxlm/v1}, reached through a real Spring Boot context (the starter's
 * auto-configuration, Spring Cloud simple discovery and LoadBalancer, the MLX routing
 * policy or round robin) and its {@link MlxLmChatModel}. Rewrites
 * {@code FLEET-RESULTS.md}. Argument: the {@code benchmarks} directory. Loopback only;
 * every loop is bounded by a request count or a deadline.
 *
 * @author mlxlm developers
 */
public final class FleetBenchMain {

	static final String MODEL_A = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String MODEL_B = "mlx-community/gemma-3-1b-it-4bit";

	static final double DECODE_TOKENS_PER_SECOND = 40;

	static final double PREFILL_TOKENS_PER_SECOND = 1500;

	static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);

	private final StringBuilder md = new StringBuilder();

	private final List<String[]> targets = new ArrayList<>();

	private final long started = System.nanoTime();

	public static void main(String[] args) throws Exception {
		Path root = Path.of((args.length > 0) ? args[0] : "benchmarks");
		FleetBenchMain bench = new FleetBenchMain();
		bench.header();
		bench.scaling();
		bench.affinity();
		bench.models();
		bench.failover();
		bench.summary();
		Files.writeString(root.resolve("FLEET-RESULTS.md"), bench.md.toString());
		log("wrote " + root.resolve("FLEET-RESULTS.md"));
		spliceIntoResults(root.resolve("RESULTS.md"), bench.md.toString());
		System.exit(0);
	}

	/*
	 * Put these results into {@code RESULTS.md} as its section on several servers
	 * (replacing the one a previous run put there), so that one file holds every measured
	 * claim.
	 */
	static void spliceIntoResults(Path results, String fleet) throws java.io.IOException {
		if (!Files.exists(results)) {
			return;
		}
		String heading = "## 8. Several servers (`benchmarks/fleet.sh`)";
		String text = Files.readString(results);
		int previous = text.indexOf(heading);
		if (previous >= 0) {
			text = text.substring(0, previous);
		}
		String body = fleet.substring(fleet.indexOf('\n') + 1).replace("\n## ", "\n### ");
		Files.writeString(results, text.stripTrailing() + "\n\n" + heading + "\n" + body);
		log("added the fleet results to " + results);
	}

	private void header() {
		this.md.append("# Fleet benchmark results\n\n")
			.append("Written by `benchmarks/fleet.sh` (`io.github.mlxlm.bench.FleetBenchMain`) on ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.append(", Java ")
			.append(System.getProperty("java.version"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, shared with other work (absolute times are this machine's; the simulators' pacing is ")
			.append("sleep-based, so throughput and cache figures depend little on CPU load, times to first token ")
			.append("somewhat more). Nothing here was edited by hand.\n\n")
			.append("Every request goes through a real Spring Boot context: `mlxlm.base-url=lb://mlxlm/v1`, ")
			.append("the starter's auto-configuration, Spring Cloud simple discovery and LoadBalancer, and the ")
			.append("context's `MlxLmChatModel` (`stream`, so that the first token's arrival is seen). The servers ")
			.append("are in-process `mlxlm-server-simulator` instances on loopback, each paced like a Mac: ")
			.append(f("%.0f", DECODE_TOKENS_PER_SECOND))
			.append(" tokens/s decode, ")
			.append(f("%,.0f", PREFILL_TOKENS_PER_SECOND))
			.append(" tokens/s prefill of the tokens its prompt cache does not hold, prompt cache on (10 entries, ")
			.append("as `mlx_lm.server`), `decodeConcurrency(1)` (one generation at a time, the others queue: a ")
			.append("model that cannot batch). Tokens are the simulator's (words and symbols). The policies compared ")
			.append("are the starter's MLX policy (`mlxlm.fleet.policy=mlx`) and Spring Cloud's round robin ")
			.append("(`mlxlm.fleet.policy=round-robin`).\n\n");
	}

	// ---------------------------------------------------------------- scaling

	private void scaling() throws Exception {
		log("scaling");
		int clients = 32;
		Duration warmUp = Duration.ofSeconds(5);
		Duration window = Duration.ofSeconds(20);
		String answer = IntStream.range(0, 20).mapToObj((i) -> "word" + i).collect(Collectors.joining(" "));
		Map<Integer, double[]> results = new LinkedHashMap<>();
		for (int n : new int[] { 1, 2, 4 }) {
			List<MlxLmSimulator> simulators = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				simulators.add(paced(MODEL_A).defaultReply(Reply.text(answer)).start());
			}
			try (ConfigurableApplicationContext context = start(simulators, null, "mlx", Map.of())) {
				MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
				long from = System.nanoTime() + warmUp.toNanos();
				long to = from + window.toNanos();
				AtomicLong tokens = new AtomicLong();
				AtomicLong failures = new AtomicLong();
				AtomicLong requests = new AtomicLong();
				Flux.range(0, clients).flatMap((client) -> Flux.defer(() -> {
					requests.incrementAndGet();
					Prompt prompt = new Prompt(new UserMessage("Client " + client + " asks for twenty words."),
							MlxLmChatOptions.builder().conversationId("client-" + client).build());
					return chatModel.stream(prompt).doOnNext((response) -> {
						long now = System.nanoTime();
						if (now >= from && now < to && hasText(response)) {
							tokens.incrementAndGet();
						}
					}).onErrorResume((ex) -> {
						failures.incrementAndGet();
						return Flux.empty();
					}).then();
				}).repeat(() -> System.nanoTime() < to), clients)
					.take(Duration.ofNanos(to - System.nanoTime()))
					.blockLast(Duration.ofMinutes(2));
				double perSecond = tokens.get() / (window.toNanos() / 1e9);
				int busy = (int) simulators.stream().filter((s) -> !s.generations().isEmpty()).count();
				results.put(n, new double[] { perSecond, failures.get(), busy });
				log("  " + n + " instance(s): " + f("%.1f", perSecond) + " tokens/s, " + failures.get() + " failures");
			}
			finally {
				simulators.forEach(MlxLmSimulator::close);
			}
		}
		double one = results.get(1)[0];
		this.md.append("## 1. Scaling\n\n")
			.append(clients)
			.append(" concurrent clients, each its own conversation (`conversationId`), each asking again as soon ")
			.append("as its 20-word answer ended; MLX policy. Counted: streamed tokens (text chunks) that arrived in a ")
			.append(window.toSeconds())
			.append(" s window after ")
			.append(warmUp.toSeconds())
			.append(" s of warm-up (clients cancelled at the window's end). The end-of-turn token of each answer ")
			.append("is paced but not streamed, so one server streams about 40 × 20/21 ≈ 38 tokens/s.\n\n")
			.append("| instances | streamed tokens/s | × one instance | target ≥ 0.9 × N | servers that generated | failed requests |\n")
			.append("|---:|---:|---:|---|---:|---:|\n");
		for (Map.Entry<Integer, double[]> entry : results.entrySet()) {
			int n = entry.getKey();
			double[] r = entry.getValue();
			boolean met = r[0] >= 0.9 * n * one;
			this.md.append("| ")
				.append(n)
				.append(" | ")
				.append(f("%.1f", r[0]))
				.append(" | ")
				.append(f("%.2f", r[0] / one))
				.append(" | ")
				.append((n == 1) ? "(reference)" : (met ? "met" : "missed"))
				.append(" | ")
				.append((int) r[2])
				.append(" | ")
				.append((long) r[1])
				.append(" |\n");
			if (n > 1) {
				this.targets.add(new String[] { "Scaling, " + n + " instances: aggregate ≥ 0.9 × " + n + " × one",
						f("%.2f", r[0] / one) + " × one (" + f("%.1f", r[0]) + " vs " + f("%.1f", one) + " tokens/s)",
						met ? "met" : "missed" });
			}
		}
		this.md.append("\nA window holds whole answers only up to its edges, so a figure a little above N × one is ")
			.append("counting noise (about ±2 %), not a gain.\n\n");
	}

	private void affinity() throws Exception {
		log("affinity");
		int conversations = 16;
		int turns = 8;
		int historyWords = 1500;
		Map<String, List<Turn>> byPolicy = new LinkedHashMap<>();
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (String policy : new String[] { "mlx", "round-robin" }) {
			List<MlxLmSimulator> simulators = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				simulators.add(paced(MODEL_A).start());
			}
			List<Turn> results = Collections.synchronizedList(new ArrayList<>());
			long t0 = System.nanoTime();
			try (ConfigurableApplicationContext context = start(simulators, null, policy, Map.of())) {
				MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
				Flux.range(0, conversations)
					.flatMap((c) -> conversation(chatModel, c, turns, historyWords, results), conversations)
					.blockLast(Duration.ofMinutes(3));
			}
			finally {
				simulators.forEach(MlxLmSimulator::close);
			}
			seconds.put(policy, (System.nanoTime() - t0) / 1e9);
			byPolicy.put(policy, new ArrayList<>(results));
			log("  " + policy + ": " + results.size() + " turns");
		}
		this.md.append("## 2. Conversation affinity\n\n")
			.append("Four servers of one model. ")
			.append(conversations)
			.append(" conversations at once, each with its own long history (a ")
			.append(historyWords)
			.append("-word first user message, about 1,500 tokens, as a conversation resumed after a long exchange) ")
			.append("and a short system message. Each conversation first sends its history once (turn 0, not in the ")
			.append("figures below: no policy can find it in a cache), then ")
			.append(turns)
			.append(" turns, one after the other, each adding a short question to the whole conversation so far; ")
			.append("the answers are 5 words. The chat options carry the conversation id. Time to first token: from ")
			.append("the call to the first streamed response, queueing at the server included. Cached share: ")
			.append("`cached_tokens` / `prompt_tokens` as the servers reported them.\n\n")
			.append("| policy | TTFT p50 | TTFT p95 | cached share, turns 1–")
			.append(turns)
			.append(" | cached share, turn 0 included | turns on the previous turn's server | failed | wall time |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		Map<String, double[]> summary = new LinkedHashMap<>();
		Map<String, Long> moved = new LinkedHashMap<>();
		for (Map.Entry<String, List<Turn>> entry : byPolicy.entrySet()) {
			List<Turn> all = entry.getValue();
			List<Turn> measured = all.stream().filter((t) -> t.turn() > 0).toList();
			List<Double> ttft = measured.stream().filter((t) -> !t.failed()).map(Turn::ttftMs).toList();
			double p50 = Stats.percentile(ttft, 50);
			double p95 = Stats.percentile(ttft, 95);
			double share = share(measured);
			double shareAll = share(all);
			long sticky = 0;
			long followUps = 0;
			for (Turn turn : measured) {
				Turn previous = all.stream()
					.filter((t) -> t.conversation() == turn.conversation() && t.turn() == turn.turn() - 1)
					.findFirst()
					.orElse(null);
				if (previous != null && previous.server() != null) {
					followUps++;
					if (previous.server().equals(turn.server())) {
						sticky++;
					}
				}
			}
			long failed = all.stream().filter(Turn::failed).count();
			summary.put(entry.getKey(), new double[] { p50, p95, share, shareAll });
			moved.put(entry.getKey(), followUps - sticky);
			this.md.append("| ")
				.append(entry.getKey())
				.append(" | ")
				.append(f("%,.0f ms", p50))
				.append(" | ")
				.append(f("%,.0f ms", p95))
				.append(" | ")
				.append(f("%.3f", share))
				.append(" | ")
				.append(f("%.3f", shareAll))
				.append(" | ")
				.append(sticky)
				.append(" of ")
				.append(followUps)
				.append(" | ")
				.append(failed)
				.append(" | ")
				.append(f("%.1f s", seconds.get(entry.getKey())))
				.append(" |\n");
		}
		double[] mlx = summary.get("mlx");
		double[] rr = summary.get("round-robin");
		this.md.append("\nThe MLX policy's p50 time to first token is ")
			.append(f("%.2f", mlx[0] / rr[0]))
			.append(" × round robin's. Turn 0 is left out of the target figures because its history is new to every ")
			.append("server whatever the policy; the column with it shows what it costs (with turn 0, the MLX policy's ")
			.append("share is below 0.9). With every server up, only the load guard moves a conversation under the MLX ")
			.append("policy: it moved ")
			.append(moved.get("mlx"))
			.append(" of 128 turns off a server with clearly more requests in flight, and each such turn is ")
			.append("prefilled in full on its new server, which is most of what keeps its share below 1.\n\n");
		boolean shareMet = mlx[2] >= 0.9;
		boolean ttftMet = mlx[0] <= rr[0] / 3;
		this.targets.add(new String[] {
				"Affinity: cached share ≥ 0.9 (MLX policy, turns 1–8)", f("%.3f", mlx[2]) + " (round robin "
						+ f("%.3f", rr[2]) + "; with turn 0: " + f("%.3f", mlx[3]) + " vs " + f("%.3f", rr[3]) + ")",
				shareMet ? "met" : "missed" });
		this.targets.add(new String[] { "Affinity: p50 TTFT ≤ ⅓ of round robin's",
				f("%,.0f", mlx[0]) + " ms vs " + f("%,.0f", rr[0]) + " ms (" + f("%.2f", mlx[0] / rr[0]) + " ×)",
				ttftMet ? "met" : "missed" });
	}

	private static double share(List<Turn> turns) {
		long prompt = turns.stream().filter((t) -> !t.failed()).mapToLong(Turn::promptTokens).sum();
		long cached = turns.stream().filter((t) -> !t.failed()).mapToLong(Turn::cachedTokens).sum();
		return (prompt == 0) ? Double.NaN : (double) cached / prompt;
	}

	private Mono<Void> conversation(MlxLmChatModel chatModel, int c, int turns, int historyWords, List<Turn> results) {
		String history = IntStream.range(0, historyWords)
			.mapToObj((i) -> "c" + c + "w" + i)
			.collect(Collectors.joining(" ", "Here is everything we said before, please keep it in mind: ", "."));
		List<Message> messages = Collections.synchronizedList(new ArrayList<>());
		messages.add(new SystemMessage("You are a helpful assistant."));
		messages.add(new UserMessage(history));
		return Flux.range(0, turns + 1).concatMap((t) -> Mono.defer(() -> {
			if (t > 0) {
				messages.add(new UserMessage("Question " + t + " of conversation " + c + ": what comes next?"));
			}
			Prompt prompt = new Prompt(List.copyOf(messages),
					MlxLmChatOptions.builder().conversationId("conversation-" + c).build());
			long start = System.nanoTime();
			AtomicLong first = new AtomicLong();
			StringBuilder text = new StringBuilder();
			AtomicReference<ChatResponse> last = new AtomicReference<>();
			AtomicReference<String> server = new AtomicReference<>();
			return chatModel.stream(prompt).doOnNext((response) -> {
				first.compareAndSet(0, System.nanoTime());
				if (hasText(response)) {
					text.append(response.getResult().getOutput().getText());
				}
				if (response.getMetadata().get(MlxLmChatModel.SERVER) instanceof String name) {
					server.set(name);
				}
				last.set(response);
			}).then(Mono.fromRunnable(() -> {
				Usage usage = (last.get() != null) ? last.get().getMetadata().getUsage() : null;
				int promptTokens = (usage != null && usage.getPromptTokens() != null) ? usage.getPromptTokens() : 0;
				long cached = (usage != null && usage.getCacheReadInputTokens() != null)
						? usage.getCacheReadInputTokens() : 0;
				results.add(new Turn(c, t, (first.get() - start) / 1e6, promptTokens, cached, server.get(), false));
				messages.add(new AssistantMessage(text.toString()));
			})).onErrorResume((ex) -> {
				results.add(new Turn(c, t, Double.NaN, 0, 0, null, true));
				return Mono.empty();
			}).then();
		})).then();
	}

	// ---------------------------------------------------------------- models

	private void models() throws Exception {
		log("models");
		int requests = 12;
		Duration loadDelay = Duration.ofSeconds(5);
		List<String> sequence = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < requests; i++) {
			sequence.add(random.nextBoolean() ? MODEL_A : MODEL_B);
		}
		this.md.append("## 3. Models\n\n")
			.append("Two servers, one started with each model (both models in each server's cache, so either can ")
			.append("swap), the model declared in the instance metadata. A model swap costs ")
			.append(loadDelay.toSeconds())
			.append(" s (`loadDelay`), and a request for the other model waits until the running generation ")
			.append("drained. ")
			.append(requests)
			.append(" requests, two at a time, models in a fixed pseudo-random order (")
			.append(sequence.stream().filter(MODEL_A::equals).count())
			.append(" for ")
			.append(MODEL_A)
			.append(", ")
			.append(sequence.stream().filter(MODEL_B::equals).count())
			.append(" for ")
			.append(MODEL_B)
			.append("), each naming its model in the chat options. Swaps: the servers' own count of model loads. ")
			.append("Round robin's count depends on how the two clients' requests interleave, so it varies from run ")
			.append("to run.\n\n")
			.append("| policy | model swaps | failed | wall time |\n|---|---:|---:|---:|\n");
		for (String policy : new String[] { "mlx", "round-robin" }) {
			List<MlxLmSimulator> simulators = List.of(
					paced(MODEL_A).huggingFaceCache(MODEL_A, MODEL_B).loadDelay(loadDelay).start(),
					paced(MODEL_B).huggingFaceCache(MODEL_A, MODEL_B).loadDelay(loadDelay).start());
			AtomicInteger failed = new AtomicInteger();
			long t0 = System.nanoTime();
			int swaps;
			try (ConfigurableApplicationContext context = start(simulators, List.of(MODEL_A, MODEL_B), policy,
					Map.of())) {
				MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
				Flux.range(0, requests)
					.flatMap((i) -> chatModel.stream(new Prompt(new UserMessage("Request " + i),
							MlxLmChatOptions.builder().model(sequence.get(i)).conversationId("request-" + i).build()))
						.then()
						.onErrorResume((ex) -> {
							failed.incrementAndGet();
							return Mono.empty();
						}), 2)
					.blockLast(Duration.ofMinutes(3));
				swaps = simulators.stream().mapToInt((s) -> s.loads().size()).sum();
			}
			finally {
				simulators.forEach(MlxLmSimulator::close);
			}
			double wall = (System.nanoTime() - t0) / 1e9;
			log("  " + policy + ": " + swaps + " swaps, " + f("%.1f", wall) + " s");
			this.md.append("| ")
				.append(policy)
				.append(" | ")
				.append(swaps)
				.append(" | ")
				.append(failed.get())
				.append(" | ")
				.append(f("%.1f s", wall))
				.append(" |\n");
			if (policy.equals("mlx")) {
				this.targets.add(new String[] { "Models: 0 model swaps under the MLX policy", swaps + " swaps",
						(swaps == 0 && failed.get() == 0) ? "met" : "missed" });
			}
			else {
				this.targets
					.add(new String[] { "Models: round robin's swaps (reported, no target)", swaps + " swaps", "—" });
			}
		}
		this.md.append('\n');
	}

	private void failover() throws Exception {
		log("failover");
		int requests = 1000;
		int concurrency = 16;
		int stopAfter = 250;
		int returnAfter = 600;
		List<MlxLmSimulator> simulators = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			simulators.add(paced(MODEL_A).start());
		}
		int port = simulators.get(1).port();
		String stoppedName = simulators.get(1).host() + ":" + port;
		List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger completed = new AtomicInteger();
		AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
		AtomicLong returnedAt = new AtomicLong(Long.MAX_VALUE);
		AtomicReference<MlxLmSimulator> restarted = new AtomicReference<>();
		AtomicReference<String> restartProblem = new AtomicReference<>();
		long t0 = System.nanoTime();
		try (ConfigurableApplicationContext context = start(simulators, null, "mlx", Map.of())) {
			MlxLmChatModel chatModel = context.getBean(MlxLmChatModel.class);
			Thread operator = new Thread(() -> {
				try {
					long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
					while (completed.get() < stopAfter && System.nanoTime() < deadline) {
						Thread.sleep(2);
					}
					// A crash: the listener and every open connection close at once.
					simulators.get(1).close();
					stoppedAt.set(System.nanoTime());
					while (completed.get() < returnAfter && System.nanoTime() < deadline) {
						Thread.sleep(2);
					}
					for (int attempt = 0; attempt < 50 && restarted.get() == null; attempt++) {
						try {
							restarted.set(paced(MODEL_A).port(port).start());
						}
						catch (RuntimeException ex) {
							restartProblem.set(String.valueOf(ex.getMessage()));
							Thread.sleep(100);
						}
					}
					returnedAt.set(System.nanoTime());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "fleet-operator");
			operator.start();
			Flux.range(0, requests).flatMap((i) -> Mono.defer(() -> {
				long sentAt = System.nanoTime();
				AtomicReference<String> server = new AtomicReference<>();
				return chatModel
					.stream(new Prompt(new UserMessage("Request " + i),
							MlxLmChatOptions.builder().conversationId("request-" + i).build()))
					.doOnNext((response) -> {
						if (response.getMetadata().get(MlxLmChatModel.SERVER) instanceof String name) {
							server.set(name);
						}
					})
					.then(Mono.fromRunnable(() -> sent.add(new Sent(i, sentAt, System.nanoTime(), server.get(), null))))
					.onErrorResume((ex) -> {
						sent.add(new Sent(i, sentAt, System.nanoTime(), server.get(), String.valueOf(ex.getMessage())));
						return Mono.empty();
					})
					.doFinally((signal) -> completed.incrementAndGet())
					.then();
			}), concurrency).blockLast(Duration.ofMinutes(4));
			operator.join(Duration.ofSeconds(10).toMillis());
		}
		finally {
			simulators.forEach(MlxLmSimulator::close);
			if (restarted.get() != null) {
				restarted.get().close();
			}
		}
		double wall = (System.nanoTime() - t0) / 1e9;
		long stop = stoppedAt.get();
		long back = returnedAt.get();
		List<Sent> inFlight = sent.stream().filter((s) -> s.sentAt() < stop && s.endedAt() >= stop).toList();
		List<Sent> later = sent.stream().filter((s) -> s.sentAt() >= stop).toList();
		long inFlightFailed = inFlight.stream().filter((s) -> s.error() != null).count();
		long laterFailed = later.stream().filter((s) -> s.error() != null).count();
		long failedBefore = sent.stream().filter((s) -> s.endedAt() < stop && s.error() != null).count();
		List<String> inFlightErrors = inFlight.stream().map(Sent::error).filter((e) -> e != null).toList();
		long naming = inFlightErrors.stream().filter((e) -> e.contains(stoppedName)).count();
		Sent firstBack = sent.stream()
			.filter((s) -> s.sentAt() >= back && stoppedName.equals(s.server()))
			.min((a, b) -> Long.compare(a.sentAt(), b.sentAt()))
			.orElse(null);
		long whileDown = sent.stream()
			.filter((s) -> s.sentAt() >= stop && s.sentAt() < back && stoppedName.equals(s.server()))
			.count();
		long afterBack = sent.stream().filter((s) -> s.sentAt() >= back && stoppedName.equals(s.server())).count();
		long total = sent.stream().filter((s) -> s.sentAt() >= back).count();
		double backMs = (firstBack != null) ? (firstBack.sentAt() - back) / 1e6 : Double.NaN;
		log("  in flight " + inFlight.size() + " (" + inFlightFailed + " failed), later " + later.size() + " ("
				+ laterFailed + " failed), back after " + f("%.0f", backMs) + " ms");
		this.md.append("## 4. Failover\n\n")
			.append("Four servers of one model, `mlxlm.fleet.health-check-interval=")
			.append(HEALTH_INTERVAL.toSeconds())
			.append("s`, `mlxlm.fleet.max-attempts=3`. ")
			.append(requests)
			.append(" requests, ")
			.append(concurrency)
			.append(" at a time, each its own conversation. After ")
			.append(stopAfter)
			.append(" had ended, one server (")
			.append(stoppedName)
			.append(") crashed: its listener and every open connection closed at once, so the requests it was ")
			.append("generating or had queued failed. After ")
			.append(returnAfter)
			.append(" had ended, a new server started on the same port.\n\n")
			.append("| | requests | failed |\n|---|---:|---:|\n")
			.append("| ended before the crash | ")
			.append(sent.stream().filter((s) -> s.endedAt() < stop).count())
			.append(" | ")
			.append(failedBefore)
			.append(" |\n| in flight at the crash (sent, not ended) | ")
			.append(inFlight.size())
			.append(" | ")
			.append(inFlightFailed)
			.append(" |\n| sent after the crash | ")
			.append(later.size())
			.append(" | ")
			.append(laterFailed)
			.append(" |\n\n")
			.append("- Requests answered by the crashed server while it was down: ")
			.append(whileDown)
			.append(".\n- Back in rotation: the first request it answered was sent ")
			.append(Double.isNaN(backMs) ? "never" : f("%,.0f ms", backMs))
			.append(" after it listened again; it answered ")
			.append(afterBack)
			.append(" of the ")
			.append(total)
			.append(" requests sent from then on.\n")
			.append("- In-flight failures whose error names the crashed server (")
			.append(stoppedName)
			.append("): ")
			.append(naming)
			.append(" of ")
			.append(inFlightErrors.size())
			.append(".");
		if (!inFlightErrors.isEmpty()) {
			this.md.append(" One of them: `").append(inFlightErrors.get(0).replace('`', '\'')).append("`.");
		}
		if (restartProblem.get() != null) {
			this.md.append("\n- Restarting on the same port first failed with: `")
				.append(restartProblem.get())
				.append('`');
		}
		this.md.append("\n- Wall time: ").append(f("%.1f s", wall)).append(".\n\n");
		this.targets.add(new String[] { "Failover: 0 failures among requests sent after the crash",
				laterFailed + " of " + later.size(), (laterFailed == 0 && !later.isEmpty()) ? "met" : "missed" });
		this.targets.add(new String[] {
				"Failover: back in rotation within one health interval (" + HEALTH_INTERVAL.toSeconds() + " s)",
				Double.isNaN(backMs) ? "never" : f("%,.0f ms", backMs),
				(!Double.isNaN(backMs) && backMs <= HEALTH_INTERVAL.toMillis()) ? "met" : "missed" });
		this.targets.add(new String[] { "Failover: each in-flight failure names the server",
				naming + " of " + inFlightErrors.size(),
				inFlightErrors.isEmpty() ? "not exercised" : (naming == inFlightErrors.size()) ? "met" : "missed" });
	}

	// ---------------------------------------------------------------- shared

	private void summary() {
		this.md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
		for (String[] target : this.targets) {
			this.md.append("| ")
				.append(target[0])
				.append(" | ")
				.append(target[1])
				.append(" | ")
				.append(target[2])
				.append(" |\n");
		}
		this.md.append("\nWhole run: ")
			.append(f("%.0f s", (System.nanoTime() - this.started) / 1e9))
			.append(". The harness is never tuned to meet the targets.\n");
	}

	private static MlxLmSimulator.Builder paced(String model) {
		return MlxLmSimulator.builder()
			.model(model)
			.tokensPerSecond(DECODE_TOKENS_PER_SECOND)
			.prefillTokensPerSecond(PREFILL_TOKENS_PER_SECOND)
			.decodeConcurrency(1);
	}

	private static ConfigurableApplicationContext start(List<MlxLmSimulator> simulators, List<String> models,
			String policy, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("mlxlm.base-url", "lb://mlxlm/v1");
		properties.put("mlxlm.model", MODEL_A);
		properties.put("mlxlm.fleet.policy", policy);
		properties.put("mlxlm.fleet.health-check-interval", HEALTH_INTERVAL.toMillis() + "ms");
		properties.put("spring.main.banner-mode", "off");
		for (int i = 0; i < simulators.size(); i++) {
			String instance = "spring.cloud.discovery.client.simple.instances.mlxlm[" + i + "]";
			properties.put(instance + ".uri", simulators.get(i).serverUrl());
			if (models != null) {
				properties.put(instance + ".metadata.model", models.get(i));
			}
		}
		properties.putAll(extra);
		return new SpringApplicationBuilder(FleetApp.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	private static boolean hasText(ChatResponse response) {
		return response.getResult() != null && response.getResult().getOutput().getText() != null
				&& !response.getResult().getOutput().getText().isEmpty();
	}

	private static String f(String format, Object... values) {
		return String.format(Locale.ROOT, format, values);
	}

	private static void log(String message) {
		System.out
			.println("[fleet-bench " + ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + "] " + message);
	}

	/**
	 * The application: the starter and Spring Cloud's discovery and LoadBalancer, nothing
	 * else.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ org.springframework.cloud.commons.util.UtilAutoConfiguration.class,
			org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration.class,
			org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class,
			org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerClientAutoConfiguration.class,
			org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration.class,
			org.springframework.cloud.loadbalancer.config.LoadBalancerCacheAutoConfiguration.class,
			MlxLmAutoConfiguration.class, MlxLmFleetAutoConfiguration.class, MlxLmChatAutoConfiguration.class })
	static class FleetApp {

	}

	// ---------------------------------------------------------------- affinity

	private record Turn(int conversation, int turn, double ttftMs, int promptTokens, long cachedTokens, String server,
			boolean failed) {
	}

	// ---------------------------------------------------------------- failover

	private record Sent(int index, long sentAt, long endedAt, String server, String error) {
	}

}

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs the simulator from the command line with {@code mlx_lm.server}'s own flags, so
 * scripts and launchers written for the real server work unchanged:
 * {@code java -jar mlxlm-server-simulator.jar --model mlx-community/Qwen3-4B-Instruct-2507-4bit --port 8080}.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmSimulatorMain {

	/* Real server flags that take a value and do not matter to the simulator. */
	static final Set<String> IGNORED_WITH_VALUE = Set.of("--adapter-path", "--draft-model", "--num-draft-tokens",
			"--log-level", "--chat-template", "--temp", "--top-p", "--top-k", "--min-p", "--max-tokens",
			"--chat-template-args", "--prefill-step-size", "--prompt-cache-bytes", "--allowed-origins");

	/* Flags with a value that the simulator acts on. */
	static final Set<String> WITH_VALUE = Set.of("--model", "--host", "--port", "--prompt-cache-size",
			"--decode-concurrency", "--prompt-concurrency", "--hf-cache", "--tokens-per-second",
			"--prefill-tokens-per-second", "--load-delay-ms", "--system-fingerprint", "--default-reply",
			"--startup-load-ms", "--download-ms", "--exit-on-start", "--stop-stream-after-chunks",
			"--reset-stream-after-chunks", "--truncate-stream-after-chunks");

	/* Real server switches that do not matter to the simulator. */
	static final Set<String> IGNORED_SWITCHES = Set.of("--trust-remote-code", "--use-default-chat-template",
			"--pipeline");

	static final String USAGE = """
			usage: java -jar mlxlm-server-simulator.jar [options]

			A wire-faithful stand-in for mlx_lm.server (HTTP/1.0, Python-style JSON).

			mlx_lm.server flags:
			  --model MODEL                    start-up model: repo id or local path (default: none)
			  --host HOST                      address to bind (default: 127.0.0.1)
			  --port PORT                      port (default: 8080; 0 = any free port)
			  --prompt-cache-size N            prompt cache entries over all models (default: 10)
			  --decode-concurrency N           generations at once, sharing the token rate; the rest
			                                   queue (default: 0 = no limit, no sharing)
			  --prompt-concurrency N           prompts processed at once, sharing the prefill rate
			                                   (default: 0 = no limit, no sharing)
			  --adapter-path, --draft-model, --num-draft-tokens, --log-level, --chat-template,
			  --temp, --top-p, --top-k, --min-p, --max-tokens, --chat-template-args,
			  --prefill-step-size, --prompt-cache-bytes, --allowed-origins VALUE   accepted and ignored
			  --trust-remote-code, --use-default-chat-template, --pipeline   accepted and ignored

			simulator flags:
			  --hf-cache ID1,ID2,...           repo ids in the simulated Hugging Face cache
			                                   (default: the --model repo id)
			  --no-hf-cache                    no cache directory: /v1/models answers an empty body
			  --shuffle-models                 list /v1/models in random order, as the real server
			  --tokens-per-second N            generation speed (default 0 = instant)
			  --prefill-tokens-per-second N    prompt processing speed (default 0 = instant)
			  --load-delay-ms N                time a model swap takes (default 0)
			  --startup-load-ms N              time the start-up model takes to load: /health answers
			                                   at once, generations wait (default 0)
			  --download-ms N                  before listening, draw Hugging Face download progress
			                                   bars on stderr for N ms, as a first start does
			  --exit-on-start CODE             print a traceback and exit with CODE instead of serving
			  --system-fingerprint S           reported system_fingerprint
			  --default-reply TEXT             reply when no script matches (default "This is a test!")
			  --quiet                          no request log lines on stderr

			faults (for trying a client by hand; tests use MlxLmSimulator.faults()):
			  --stop-stream-after-chunks N     close streams after N data events, no [DONE]
			  --stop-stream-before-done        send streams whole but close before data: [DONE]
			  --reset-stream-after-chunks N    reset (TCP RST) streams after N data events
			  --truncate-stream-after-chunks N after N data events send half of the next, then close
			  -h, --help                       show this help and exit
			""";

	private MlxLmSimulatorMain() {
	}

	/**
	 * Starts the simulator and serves until the process is stopped.
	 * @param args mlx_lm.server's flags plus the simulator's own
	 * @throws InterruptedException when interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = parse(args);
		}
		catch (UsageException ex) {
			System.err.println("usage: java -jar mlxlm-server-simulator.jar [options]");
			System.err.println("mlxlm-server-simulator: error: " + ex.getMessage());
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(USAGE);
			return;
		}
		if (options.exitOnStart() != 0) {
			System.err.println("Traceback (most recent call last):");
			System.err.println("  File \"mlx_lm/server.py\", line 1, in <module>");
			System.err.println("huggingface_hub.errors.RepositoryNotFoundError: Repository Not Found for "
					+ options.model() + " (simulated start-up failure)");
			System.exit(options.exitOnStart());
			return;
		}
		drawDownload(options.downloadMillis());
		MlxLmSimulator sim = options.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sim.close();
			stopped.countDown();
		}));
		System.err.println("INFO - Starting httpd at " + sim.host() + " on port " + sim.port() + "...");
		stopped.await();
	}

	/*
	 * Draws tqdm's bars as huggingface_hub does while a model downloads: carriage returns
	 * between the states of a bar, a newline at its end.
	 */
	private static void drawDownload(long millis) throws InterruptedException {
		if (millis <= 0) {
			return;
		}
		for (int step = 0; step <= 10; step++) {
			String bar = "#".repeat(step) + " ".repeat(10 - step);
			System.err.print(
					String.format(Locale.ROOT, "model.safetensors: %3d%%|%s| %.2fG/2.26G [00:%02d<00:%02d, 49.4MB/s]\r",
							step * 10, bar, 2.26 * step / 10, step, 10 - step));
			System.err.flush();
			Thread.sleep(millis / 10); // the download's pace, not synchronisation
		}
		System.err.println();
		System.err.println("Fetching 1 files: 100%|##########| 1/1 [00:10<00:00, 10.00s/it]");
	}

	/*
	 * Parses the command line, argparse-style ({@code --flag value} or {@code
	 * --flag=value}).
	 *
	 * @param args the arguments
	 *
	 * @return the configured builder (port 8080 unless given)
	 *
	 * @throws UsageException for unknown flags or missing/bad values
	 */
	static Options parse(String... args) throws UsageException {
		MlxLmSimulator.Builder b = MlxLmSimulator.builder().port(8080).logRequests(true);
		boolean help = false;
		long downloadMillis = 0;
		int exitOnStart = 0;
		String model = "";
		List<Consumer<Faults>> faults = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String flag = arg;
			String inline = null;
			int eq = arg.indexOf('=');
			if (arg.startsWith("--") && eq > 0) {
				flag = arg.substring(0, eq);
				inline = arg.substring(eq + 1);
			}
			if (IGNORED_SWITCHES.contains(flag) || flag.equals("--help") || flag.equals("-h")
					|| flag.equals("--no-hf-cache") || flag.equals("--shuffle-models") || flag.equals("--quiet")
					|| flag.equals("--stop-stream-before-done")) {
				switch (flag) {
					case "--help", "-h" -> help = true;
					case "--stop-stream-before-done" -> faults.add((f) -> f.stopStreamBeforeDone(true));
					case "--no-hf-cache" -> b.noHuggingFaceCache();
					case "--shuffle-models" -> b.shuffleModels(true);
					case "--quiet" -> b.logRequests(false);
					default -> {
						// accepted for compatibility, no effect
					}
				}
				continue;
			}
			if (!flag.startsWith("--") || !(IGNORED_WITH_VALUE.contains(flag) || WITH_VALUE.contains(flag))) {
				unknown.add(arg);
				continue;
			}
			String value = inline;
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new UsageException("argument " + flag + ": expected one argument");
				}
				value = args[++i];
			}
			try {
				switch (flag) {
					case "--model" -> {
						b.model(value);
						model = value;
					}
					case "--startup-load-ms" -> b.startupLoad(Duration.ofMillis(Long.parseLong(value)));
					case "--download-ms" -> downloadMillis = Long.parseLong(value);
					case "--exit-on-start" -> exitOnStart = Integer.parseInt(value);
					case "--host" -> b.host(value);
					case "--port" -> b.port(Integer.parseInt(value));
					case "--prompt-cache-size" -> b.promptCacheSize(nonNegative(value));
					case "--decode-concurrency" -> b.decodeConcurrency(nonNegative(value));
					case "--prompt-concurrency" -> b.promptConcurrency(nonNegative(value));
					case "--hf-cache" -> b.huggingFaceCache(
							Arrays.stream(value.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList());
					case "--tokens-per-second" -> b.tokensPerSecond(Double.parseDouble(value));
					case "--prefill-tokens-per-second" -> b.prefillTokensPerSecond(Double.parseDouble(value));
					case "--load-delay-ms" -> b.loadDelay(Duration.ofMillis(Long.parseLong(value)));
					case "--system-fingerprint" -> b.systemFingerprint(value);
					case "--default-reply" -> b.defaultReply(Reply.text(value));
					case "--stop-stream-after-chunks" -> {
						int chunks = nonNegative(value);
						faults.add((f) -> f.stopStreamAfterChunks(chunks));
					}
					case "--reset-stream-after-chunks" -> {
						int chunks = nonNegative(value);
						faults.add((f) -> f.resetStreamAfterChunks(chunks));
					}
					case "--truncate-stream-after-chunks" -> {
						int chunks = nonNegative(value);
						faults.add((f) -> f.truncateStreamAfterChunks(chunks));
					}
					default -> {
						// a real server flag the simulator ignores
					}
				}
			}
			catch (NumberFormatException ex) {
				throw new UsageException("argument " + flag + ": invalid value: '" + value + "'");
			}
		}
		if (!unknown.isEmpty()) {
			throw new UsageException("unrecognized arguments: " + String.join(" ", unknown));
		}
		return new Options(b, help, (f) -> faults.forEach((fault) -> fault.accept(f)), downloadMillis, exitOnStart,
				model);
	}

	private static int nonNegative(String value) {
		int n = Integer.parseInt(value);
		if (n < 0) {
			throw new NumberFormatException(value);
		}
		return n;
	}

	/* Bad command line; argparse exits with status 2. */
	static final class UsageException extends Exception {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

	/*
	 * What the command line asked for.
	 *
	 * @param faults the faults to switch on once started
	 */
	record Options(MlxLmSimulator.Builder builder, boolean help, Consumer<Faults> faults, long downloadMillis,
			int exitOnStart, String model) {

		Options(MlxLmSimulator.Builder builder, boolean help, Consumer<Faults> faults) {
			this(builder, help, faults, 0, 0, "");
		}

		/* Starts the simulator with the faults switched on. */
		MlxLmSimulator start() {
			MlxLmSimulator sim = this.builder.start();
			this.faults.accept(sim.faults());
			return sim;
		}
	}

}

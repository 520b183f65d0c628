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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlxLmSimulatorMainTests {

	private static MlxLmSimulator start(String... args) throws Exception {
		MlxLmSimulatorMain.Options options = MlxLmSimulatorMain.parse(args);
		options.builder().port(0).logRequests(false);
		return options.start();
	}

	@Test
	void modelHostAndPortAreTheRealServersFlags() throws Exception {
		MlxLmSimulatorMain.Options options = MlxLmSimulatorMain.parse("--model", "a/b", "--host", "127.0.0.1", "--port",
				"0");
		try (MlxLmSimulator sim = options.builder().logRequests(false).start()) {
			assertThat(sim.residentModel()).contains("a/b");
			assertThat(sim.host()).isEqualTo("127.0.0.1");
			assertThat(sim.port()).isPositive();
		}
	}

	@Test
	void defaultPortIs8080LikeTheRealServer() throws Exception {
		MlxLmSimulatorMain.Options options = MlxLmSimulatorMain.parse("--model", "a/b");
		assertThat(options.builder()).extracting("port").isEqualTo(8080);
	}

	@Test
	void realServerFlagsAreAcceptedAndIgnored() throws Exception {
		try (MlxLmSimulator sim = start("--model", "a/b", "--adapter-path", "x", "--draft-model", "d/d",
				"--trust-remote-code", "--log-level", "DEBUG", "--chat-template", "t", "--use-default-chat-template",
				"--temp", "0.7", "--top-p", "0.9", "--top-k", "40", "--min-p", "0.05", "--max-tokens", "100",
				"--chat-template-args", "{}", "--prefill-step-size", "2048", "--prompt-cache-bytes", "1000",
				"--pipeline", "--num-draft-tokens", "3", "--allowed-origins", "*")) {
			assertThat(Raw.get(sim.port(), "/health").statusLine()).isEqualTo("HTTP/1.0 200 OK");
		}
	}

	@Test
	void simulatorFlagsConfigureCacheFingerprintAndReply() throws Exception {
		try (MlxLmSimulator sim = start("--model", "a/b", "--hf-cache", "a/b,c/d", "--system-fingerprint=fp",
				"--default-reply", "Hello.", "--tokens-per-second", "0", "--prefill-tokens-per-second", "0",
				"--load-delay-ms", "0")) {
			assertThat(Raw.get(sim.port(), "/v1/models").body()).contains("\"a/b\"", "\"c/d\"");
			assertThat(Raw.post(sim.port(), "/v1/completions", "{\"prompt\": \"x\"}").body())
				.contains("\"system_fingerprint\": \"fp\"")
				.contains("\"text\": \"Hello.\"");
		}
	}

	@Test
	void promptCacheSizeIsTheRealServersFlag() throws Exception {
		try (MlxLmSimulator sim = start("--model", "a/b", "--prompt-cache-size", "0")) {
			Raw.post(sim.port(), "/v1/completions", "{\"prompt\": \"x y z\"}");
			assertThat(Raw.post(sim.port(), "/v1/completions", "{\"prompt\": \"x y z\"}").body())
				.contains("\"cached_tokens\": 0}");
		}
	}

	@Test
	void decodeAndPromptConcurrencyAreTheRealServersFlags() throws Exception {
		MlxLmSimulatorMain.Options options = MlxLmSimulatorMain.parse("--decode-concurrency", "32",
				"--prompt-concurrency=8");
		assertThat(options.builder()).extracting("decodeConcurrency", "promptConcurrency").containsExactly(32, 8);
	}

	@Test
	void negativeConcurrencyIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--decode-concurrency", "-1"))
			.hasMessage("argument --decode-concurrency: invalid value: '-1'");
	}

	@Test
	void streamFaultFlagsSwitchTheFaultsOnAtStart() throws Exception {
		try (MlxLmSimulator sim = start("--model", "a/b", "--stop-stream-before-done")) {
			assertThat(sim.faults().stopBeforeDone()).isTrue();
		}
		try (MlxLmSimulator sim = start("--model", "a/b", "--stop-stream-after-chunks", "1",
				"--reset-stream-after-chunks=2", "--truncate-stream-after-chunks", "3")) {
			assertThat(sim.faults().stopAfterChunks()).isEqualTo(1);
			assertThat(sim.faults().resetAfterChunks()).isEqualTo(2);
			assertThat(sim.faults().truncateAfterChunks()).isEqualTo(3);
		}
	}

	@Test
	void noHfCacheMakesModelsAnEmptyReply() throws Exception {
		try (MlxLmSimulator sim = start("--model", "a/b", "--no-hf-cache", "--shuffle-models", "--quiet")) {
			assertThat(Raw.get(sim.port(), "/v1/models").body()).isEmpty();
		}
	}

	@Test
	void unknownFlagIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--model", "a/b", "--bogus"))
			.isInstanceOf(MlxLmSimulatorMain.UsageException.class)
			.hasMessage("unrecognized arguments: --bogus");
	}

	@Test
	void missingValueIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--port"))
			.hasMessage("argument --port: expected one argument");
	}

	@Test
	void badNumberIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--port", "eighty"))
			.hasMessage("argument --port: invalid value: 'eighty'");
	}

	@Test
	void helpListsEveryFlag() throws Exception {
		assertThat(MlxLmSimulatorMain.parse("--help").help()).isTrue();
		assertThat(MlxLmSimulatorMain.USAGE).contains("--model", "--host", "--port", "--hf-cache", "--no-hf-cache",
				"--shuffle-models", "--tokens-per-second", "--prefill-tokens-per-second", "--load-delay-ms",
				"--system-fingerprint", "--adapter-path", "--allowed-origins", "--pipeline",
				"--stop-stream-before-done");
		for (String flag : MlxLmSimulatorMain.IGNORED_WITH_VALUE) {
			assertThat(MlxLmSimulatorMain.USAGE).contains(flag);
		}
		for (String flag : MlxLmSimulatorMain.WITH_VALUE) {
			assertThat(MlxLmSimulatorMain.USAGE).contains(flag);
		}
	}

	@Test
	void startedWithoutModelHasNoResidentModel() throws Exception {
		try (MlxLmSimulator sim = start()) {
			assertThat(sim.residentModel()).isEmpty();
		}
	}

}

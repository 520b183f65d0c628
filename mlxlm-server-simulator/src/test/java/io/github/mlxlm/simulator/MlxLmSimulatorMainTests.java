package io.github.mlxlm.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlxLmSimulatorMainTests {

	private static MlxLmSimulator start(String... args) throws Exception {
		return MlxLmSimulatorMain.parse(args).builder().port(0).logRequests(false).start();
	}

	@Test
	void modelHostAndPortAreTheRealServersFlags() throws Exception {
		MlxLmSimulatorMain.Options options = MlxLmSimulatorMain.parse("--model", "a/b", "--host", "127.0.0.1", "--port", "0");
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
		try (MlxLmSimulator sim = start("--model", "a/b", "--adapter-path", "x", "--draft-model", "d/d", "--trust-remote-code",
				"--log-level", "DEBUG", "--chat-template", "t", "--use-default-chat-template", "--temp", "0.7", "--top-p",
				"0.9", "--top-k", "40", "--min-p", "0.05", "--max-tokens", "100", "--chat-template-args", "{}",
				"--decode-concurrency", "32", "--prompt-concurrency", "8", "--prefill-step-size", "2048",
				"--prompt-cache-size", "10", "--prompt-cache-bytes", "1000", "--pipeline", "--num-draft-tokens", "3",
				"--allowed-origins", "*")) {
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
				.contains("\"system_fingerprint\": \"fp\"").contains("\"text\": \"Hello.\"");
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
			.isInstanceOf(MlxLmSimulatorMain.UsageException.class).hasMessage("unrecognized arguments: --bogus");
	}

	@Test
	void missingValueIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--port"))
			.hasMessage("argument --port: expected one argument");
	}

	@Test
	void badNumberIsAUsageError() {
		assertThatThrownBy(() -> MlxLmSimulatorMain.parse("--port", "eighty")).hasMessage("argument --port: invalid value: 'eighty'");
	}

	@Test
	void helpListsEveryFlag() throws Exception {
		assertThat(MlxLmSimulatorMain.parse("--help").help()).isTrue();
		assertThat(MlxLmSimulatorMain.USAGE).contains("--model", "--host", "--port", "--hf-cache", "--no-hf-cache",
				"--shuffle-models", "--tokens-per-second", "--prefill-tokens-per-second", "--load-delay-ms",
				"--system-fingerprint", "--adapter-path", "--allowed-origins", "--pipeline");
		for (String flag : MlxLmSimulatorMain.IGNORED_WITH_VALUE) {
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

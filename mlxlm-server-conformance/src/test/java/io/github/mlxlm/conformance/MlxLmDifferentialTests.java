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

package io.github.mlxlm.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.mlxlm.simulator.MlxLmSimulator;
import io.github.mlxlm.simulator.Reply;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential ring: the simulator and the real {@code mlx_lm.server} given the same
 * raw requests ({@link DifferentialBattery}), compared on the wire ({@link WireShape}).
 * The simulator must match the newest release; each older release must match the newest
 * too, except for the release differences listed in {@link ReleaseDifferences} (and in
 * {@code docs/wire-contract.md}).
 *
 * @author mlxlm developers
 */
class MlxLmDifferentialTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TestFactory
	Stream<DynamicNode> simulatorAndReleasesMatchTheNewestRelease() {
		RealServerKit kit = RealServerKit.find().orElse(null);
		if (kit == null) {
			return Stream.of(DynamicTest.dynamicTest("differential ring", () -> {
				throw new TestAbortedException("Skipped: " + RealServerKit.skipReason());
			}));
		}
		List<String> releases = kit.releases();
		String newest = releases.get(releases.size() - 1);
		List<DifferentialBattery.Request> battery = DifferentialBattery.requests();
		Map<String, byte[]> reference = new LinkedHashMap<>();
		List<DynamicNode> containers = new ArrayList<>();
		Servers servers = new Servers(kit);
		List<DynamicNode> simulatorTests = new ArrayList<>();
		for (DifferentialBattery.Request request : battery) {
			simulatorTests.add(DynamicTest.dynamicTest(request.name(), () -> {
				byte[] real = RawExchange.exchange(servers.real(newest).port(), request.bytes());
				reference.put(request.name(), real);
				String artefact = ReleaseDifferences.artefact(request.name());
				if (artefact != null) {
					throw new TestAbortedException("the kit is not a Mac here: " + artefact);
				}
				byte[] simulated = RawExchange.exchange(servers.simulator().port(), request.bytes());
				compare(request, WireShape.of(real), real, simulated, "mlx_lm.server " + RealServerKit.version(newest),
						"the simulator", true);
			}));
		}
		simulatorTests.add(DynamicTest.dynamicTest("stop", servers::close));
		containers.add(DynamicContainer.dynamicContainer("simulator vs mlx_lm.server " + RealServerKit.version(newest),
				simulatorTests.stream()));
		for (String release : releases.subList(0, releases.size() - 1)) {
			List<DynamicNode> releaseTests = new ArrayList<>();
			String version = RealServerKit.version(release);
			for (DifferentialBattery.Request request : battery) {
				releaseTests.add(DynamicTest.dynamicTest(request.name(), () -> {
					byte[] older = RawExchange.exchange(servers.real(release).port(), request.bytes());
					byte[] newestReply = reference.get(request.name());
					String expected = ReleaseDifferences.expected(request.name(), version, WireShape.of(newestReply));
					compare(request, expected, newestReply, older, "mlx_lm.server " + RealServerKit.version(newest),
							"mlx_lm.server " + version, !ReleaseDifferences.textDiffers(request.name(), version));
				}));
			}
			releaseTests.add(DynamicTest.dynamicTest("stop", servers::close));
			containers.add(DynamicContainer.dynamicContainer(
					"mlx_lm.server " + version + " vs " + RealServerKit.version(newest), releaseTests.stream()));
		}
		return containers.stream();
	}

	static void compare(DifferentialBattery.Request request, String expectedShape, byte[] expected, byte[] actual,
			String expectedName, String actualName, boolean sameText) {
		String description = actualName + " vs " + expectedName + " for " + request.name();
		if (expectedShape.equals(ReleaseDifferences.ANSWERED)) {
			assertThat(WireShape.of(actual)).as(description).startsWith("HTTP/1.0 200 OK\n");
			return;
		}
		assertThat(WireShape.of(actual)).as(description).isEqualTo(expectedShape);
		if (request.exactText() && sameText) {
			assertThat(text(actual)).as("generated text of " + actualName).isEqualTo(text(expected));
		}
	}

	/** The text a reply generated: message content, completion text or stream deltas. */
	static String text(byte[] reply) {
		String body = new String(reply, StandardCharsets.UTF_8);
		int start = body.indexOf("\r\n\r\n");
		body = (start < 0) ? "" : body.substring(start + 4);
		StringBuilder text = new StringBuilder();
		List<String> payloads = new ArrayList<>();
		if (body.startsWith(": ") || body.startsWith("data: ")) {
			body.lines()
				.filter((line) -> line.startsWith("data: {"))
				.forEach((line) -> payloads.add(line.substring(6)));
		}
		else if (body.strip().startsWith("{")) {
			payloads.add(body);
		}
		for (String payload : payloads) {
			JsonNode root = json.readTree(payload);
			for (JsonNode choice : root.path("choices")) {
				text.append(choice.path("message").path("content").asString(""));
				text.append(choice.path("delta").path("content").asString(""));
				text.append(choice.path("text").asString(""));
				for (JsonNode call : choice.path("message").path("tool_calls")) {
					text.append(call.path("function").toString());
				}
				for (JsonNode call : choice.path("delta").path("tool_calls")) {
					text.append(call.path("function").toString());
				}
			}
		}
		return text.toString();
	}

	static MlxLmSimulator simulator() {
		return MlxLmSimulator.builder()
			.model(RealServerKit.MODEL)
			.huggingFaceCache(RealServerKit.MODEL)
			.script(MlxLmConformanceTests.HELLO, MlxLmConformanceTests.HELLO_ANSWER)
			.script(MlxLmConformanceTests.UNICODE, MlxLmConformanceTests.UNICODE_ANSWER)
			.script(MlxLmConformanceTests.TOOL_CALL,
					Reply.toolCall("get_weather", "{\"city\": \"Paris\", \"unit\": \"celsius\"}"))
			.start();
	}

	/** The servers of one comparison, started on first use. */
	static final class Servers implements AutoCloseable {

		private final RealServerKit kit;

		private final Map<String, RealServerKit.Server> real = new LinkedHashMap<>();

		private MlxLmSimulator simulator;

		Servers(RealServerKit kit) {
			this.kit = kit;
		}

		RealServerKit.Server real(String release) {
			return this.real.computeIfAbsent(release, this.kit::start);
		}

		MlxLmSimulator simulator() {
			if (this.simulator == null) {
				this.simulator = MlxLmDifferentialTests.simulator();
			}
			return this.simulator;
		}

		@Override
		public void close() {
			this.real.values().forEach(RealServerKit.Server::close);
			this.real.clear();
			if (this.simulator != null) {
				this.simulator.close();
				this.simulator = null;
			}
		}

	}

}

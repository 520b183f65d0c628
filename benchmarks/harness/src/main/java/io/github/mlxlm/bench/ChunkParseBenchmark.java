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

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client-side floor of streaming: one SSE line as mlx_lm.server writes it, parsed
 * with Jackson and its content delta extracted, on one thread. No network, no server.
 *
 * @author mlxlm developers
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkParseBenchmark {

	static final String LINE = "data: {\"id\": \"chatcmpl-3f1c2a9e-5b7d-4c1e-9a8f-2d6b0e4c7a11\", \"system_fingerprint\": "
			+ "\"0.32.0-0.32.1-macOS-15.6-arm64-arm-64bit-applegpu_g15s\", \"object\": \"chat.completion.chunk\", "
			+ "\"model\": \"mlx-community/Qwen3-4B-Instruct-2507-4bit\", \"created\": 1764072000, \"choices\": "
			+ "[{\"index\": 0, \"finish_reason\": null, \"delta\": {\"role\": \"assistant\", \"content\": \" word\"}}]}";

	private final ObjectMapper json = JsonMapper.builder().build();

	@Benchmark
	public String parseChunk() {
		return this.json.readTree(LINE.substring(6)).path("choices").path(0).path("delta").path("content").asString();
	}

}

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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Non-streaming call latency (small prompt, 16-token answer) against the simulator
 * started by {@link BenchMain}, whose base URL arrives as {@code -Dbench.baseUrl}.
 *
 * @author mlxlm developers
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallLatencyBenchmark {

	/**
	 * The contender measured (JMH sets it).
	 */
	@Param({ "raw", "mlxlm", "springai", "langchain4j", "rawstream", "wire", "wirestream" })
	public String contender;

	private Contender client;

	private long calls;

	private long failures;

	@Setup(Level.Trial)
	public void setUp() {
		this.client = Contenders.create(this.contender, System.getProperty("bench.baseUrl"));
	}

	@TearDown(Level.Trial)
	public void tearDown() throws java.io.IOException {
		this.client.close();
		String dir = System.getProperty("bench.failuresDir");
		if (dir != null) {
			java.nio.file.Files.writeString(java.nio.file.Path.of(dir, this.contender + ".txt"),
					this.calls + " " + this.failures);
		}
	}

	/*
	 * A failed call is counted, not thrown: JDK-HttpClient-based clients reuse pooled
	 * connections that the HTTP/1.0 server already closed, and a share of their calls
	 * fail. That is a finding, reported next to the latency; it must not abort the other
	 * contenders' runs.
	 */
	@Benchmark
	public String call() {
		this.calls++;
		try {
			return this.client.call(Workload.SHORT_PROMPT, Workload.SHORT_MAX_TOKENS);
		}
		catch (Exception ex) {
			this.failures++;
			return null;
		}
	}

}

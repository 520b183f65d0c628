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

package io.github.mlxlm.launcher;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link MlxLmServerOutput}.
 *
 * @author mlxlm developers
 */
class MlxLmServerOutputTests {

	private final Log log = mock(Log.class);

	private final Log progressLog = mock(Log.class);

	private final MlxLmServerOutput output = new MlxLmServerOutput("m", this.log, this.progressLog);

	@Test
	void pythonLogLevelsBecomeLogLevelsWithoutTheTimestamp() {
		this.output.accept("2026-12-07 08:41:43,507 - INFO - Starting httpd at 127.0.0.1 on port 18080...");
		this.output.accept("2026-12-07 08:41:43,507 - WARNING - Prompt cache is full");
		this.output.accept("2026-12-07 08:41:43,507 - ERROR - Model failed to load");
		verify(this.log).info("Starting httpd at 127.0.0.1 on port 18080...");
		verify(this.log).warn("Prompt cache is full");
		verify(this.log).error("Model failed to load");
	}

	@Test
	void requestLinesAreDebugAndTracebacksAreErrors() {
		this.output.accept("127.0.0.1 - - [07/Dec/2026 08:41:43] \"GET /health HTTP/1.1\" 200 -");
		this.output.accept("Traceback (most recent call last):");
		this.output.accept("  File \"server.py\", line 1, in <module>");
		this.output.accept("ValueError: boom");
		this.output.accept("after the traceback");
		verify(this.log).debug("127.0.0.1 - - [07/Dec/2026 08:41:43] \"GET /health HTTP/1.1\" 200 -");
		verify(this.log).error("Traceback (most recent call last):");
		verify(this.log).error("  File \"server.py\", line 1, in <module>");
		verify(this.log).error("ValueError: boom");
		verify(this.log).info("after the traceback");
	}

	@Test
	void carriageReturnsEndLinesAndProgressIsReportedOncePerTenPercent() {
		List<String> reports = new ArrayList<>();
		willAnswer((invocation) -> reports.add(invocation.getArgument(0))).given(this.progressLog).info(any());
		StringBuilder bars = new StringBuilder();
		for (int percent = 0; percent <= 100; percent++) {
			bars.append("model.safetensors: ")
				.append(percent)
				.append("%|#| ")
				.append(percent)
				.append("M/100M [00:01]\r");
		}
		this.output.readAll(new ByteArrayInputStream(bars.toString().getBytes(StandardCharsets.UTF_8)));
		assertThat(reports).hasSize(11).first().isEqualTo("Downloading m: model.safetensors 0% (0M of 100M)");
		assertThat(reports).last().isEqualTo("Downloading m: model.safetensors 100% (100M of 100M)");
		verify(this.log, never()).info(any());
		assertThat(this.output.progress()).isEqualTo(new DownloadProgress("model.safetensors", 100, "100M", "100M"));
	}

	@Test
	void keepsTheLast20Lines() {
		for (int i = 1; i <= 25; i++) {
			this.output.accept("line " + i);
		}
		assertThat(this.output.lastLines()).hasSize(20).startsWith("line 6").endsWith("line 25");
	}

}

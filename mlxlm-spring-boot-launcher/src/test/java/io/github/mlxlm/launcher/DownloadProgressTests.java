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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DownloadProgress}.
 *
 * @author mlxlm developers
 */
class DownloadProgressTests {

	@Test
	void readsAByteBar() {
		DownloadProgress progress = DownloadProgress
			.parse("model.safetensors:  12%|█▏        | 270M/2.26G [00:05<00:40, 49.4MB/s]");
		assertThat(progress).isEqualTo(new DownloadProgress("model.safetensors", 12, "270M", "2.26G"));
		assertThat(progress).hasToString("model.safetensors 12% (270M of 2.26G)");
	}

	@Test
	void readsAFileCountBar() {
		assertThat(DownloadProgress.parse("Fetching 9 files:  44%|████▍     | 4/9 [00:02<00:03,  1.50it/s]"))
			.isEqualTo(new DownloadProgress("Fetching 9 files", 44, "4", "9"));
	}

	@Test
	void ignoresOtherLines() {
		assertThat(DownloadProgress.parse("2025-01-01 12:00:00,123 - INFO - Starting httpd at 127.0.0.1")).isNull();
		assertThat(DownloadProgress.parse("Prompt processing progress: 51/52")).isNull();
	}

}

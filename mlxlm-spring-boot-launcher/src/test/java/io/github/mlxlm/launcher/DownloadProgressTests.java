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

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

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One progress bar line of a Hugging Face download, as tqdm draws it on the server's
 * stderr: {@code Fetching 9 files:  44%|████▍     | 4/9 [00:02<00:03,  1.50it/s]} or
 * {@code model.safetensors:  12%|█▏        | 270M/2.26G [00:05<00:40, 49.4MB/s]}.
 *
 * @param label what is fetched, such as {@code Fetching 9 files} or
 * {@code model.safetensors}
 * @param percent how much of it, from 0 to 100
 * @param done how much is fetched, as tqdm writes it ({@code 4} or {@code 270M})
 * @param total the whole, as tqdm writes it ({@code 9} or {@code 2.26G})
 * @author mlxlm developers
 */
record DownloadProgress(String label, int percent, String done, String total) {

	private static final Pattern BAR = Pattern
		.compile("^\\s*(.+?):\\s*(\\d{1,3})%\\|[^|]*\\|\\s*([\\d.]+\\s?[kMGTP]?i?B?)/([\\d.]+\\s?[kMGTP]?i?B?)");

	/**
	 * Read a progress bar line.
	 * @param line a line of the server's output
	 * @return the progress, or {@code null} when the line is no progress bar
	 */
	static @Nullable DownloadProgress parse(String line) {
		Matcher matcher = BAR.matcher(line);
		if (!matcher.find()) {
			return null;
		}
		int percent = Math.min(100, Integer.parseInt(matcher.group(2)));
		return new DownloadProgress(matcher.group(1).strip(), percent, matcher.group(3).strip(),
				matcher.group(4).strip());
	}

	@Override
	public String toString() {
		return this.label + " " + this.percent + "% (" + this.done + " of " + this.total + ")";
	}

}

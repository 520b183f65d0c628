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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The output of a launched {@code mlx_lm.server}: each line forwarded to the logger
 * {@value #LOGGER_NAME} at the level the server gave it, the last lines kept for failure
 * reports, and Hugging Face download progress summarised as INFO lines at most every
 * {@value #PROGRESS_INTERVAL_MILLIS} ms or 10 percent.
 *
 * @author mlxlm developers
 */
final class MlxLmServerOutput {

	/**
	 * Name of the logger the server's lines go to.
	 */
	static final String LOGGER_NAME = "mlx_lm.server";

	static final int KEPT_LINES = 20;

	static final long PROGRESS_INTERVAL_MILLIS = 5000;

	/**
	 * Python's logging format in mlx_lm.server: "2025-01-01 12:00:00,123 - INFO - text".
	 */
	private static final Pattern PYTHON_LOG = Pattern
		.compile("^(?:\\d{4}-\\d\\d-\\d\\d [\\d:,.]+ - )?(DEBUG|INFO|WARNING|ERROR|CRITICAL) - (.*)$");

	/**
	 * http.server's request log: "127.0.0.1 - - [07/Dec/2026 08:41:43] "GET /health
	 * HTTP/1.1" 200 -".
	 */
	private static final Pattern REQUEST_LOG = Pattern.compile("^\\S+ - - \\[[^]]+] \"");

	private final Log log;

	private final Log progressLog;

	private final String model;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private final Map<String, Integer> reportedTenths = new HashMap<>();

	private long lastReport;

	private boolean inTraceback;

	private @Nullable DownloadProgress progress;

	MlxLmServerOutput(String model) {
		this(model, LogFactory.getLog(LOGGER_NAME), LogFactory.getLog(MlxLmLauncherLifecycleManager.class));
	}

	MlxLmServerOutput(String model, Log log, Log progressLog) {
		this.model = model;
		this.log = log;
		this.progressLog = progressLog;
	}

	/**
	 * Read the server's output until it ends, one line at a time; tqdm's bars end with a
	 * carriage return, so a carriage return ends a line too.
	 * @param output the output
	 */
	void readAll(InputStream output) {
		byte[] buffer = new byte[8192];
		LineBuffer line = new LineBuffer();
		try {
			int n;
			while ((n = output.read(buffer)) != -1) {
				for (int i = 0; i < n; i++) {
					byte b = buffer[i];
					if (b == '\n' || b == '\r') {
						line.flush(this::accept);
					}
					else {
						if (line.isFull()) {
							line.flush(this::accept);
						}
						line.add(b);
					}
				}
			}
		}
		catch (IOException ex) {
			// The stream closes when the server is stopped: nothing more to read.
		}
		line.flush(this::accept);
	}

	/**
	 * Take one line of the server's output.
	 * @param line the line, without its end
	 */
	synchronized void accept(String line) {
		if (line.isBlank()) {
			return;
		}
		if (this.lastLines.size() == KEPT_LINES) {
			this.lastLines.removeFirst();
		}
		this.lastLines.addLast(line);
		DownloadProgress progress = DownloadProgress.parse(line);
		if (progress != null) {
			this.progress = progress;
			reportProgress(progress);
			this.log.debug(line);
			return;
		}
		forward(line);
	}

	private void reportProgress(DownloadProgress progress) {
		long now = System.currentTimeMillis();
		int tenths = progress.percent() / 10;
		Integer reported = this.reportedTenths.get(progress.label());
		boolean newStep = reported == null || tenths > reported;
		if (newStep || now - this.lastReport >= PROGRESS_INTERVAL_MILLIS) {
			this.reportedTenths.put(progress.label(), tenths);
			this.lastReport = now;
			this.progressLog.info("Downloading " + this.model + ": " + progress);
		}
	}

	private void forward(String line) {
		Matcher python = PYTHON_LOG.matcher(line);
		if (python.matches()) {
			this.inTraceback = false;
			String text = python.group(2);
			switch (python.group(1)) {
				case "DEBUG" -> this.log.debug(text);
				case "INFO" -> this.log.info(text);
				case "WARNING" -> this.log.warn(text);
				default -> this.log.error(text);
			}
			return;
		}
		if (line.startsWith("Traceback (most recent call last)")) {
			this.inTraceback = true;
		}
		if (this.inTraceback) {
			// A traceback's frames are indented; its last line names the exception.
			this.log.error(line);
			if (!Character.isWhitespace(line.charAt(0)) && !line.startsWith("Traceback")) {
				this.inTraceback = false;
			}
		}
		else if (REQUEST_LOG.matcher(line).find()) {
			this.log.debug(line);
		}
		else if (line.contains("Warning: ") || line.contains("warnings.warn(")) {
			this.log.warn(line);
		}
		else {
			this.log.info(line);
		}
	}

	/**
	 * Return the last lines of the server's output, oldest first.
	 * @return at most {@value #KEPT_LINES} lines
	 */
	synchronized List<String> lastLines() {
		return new ArrayList<>(this.lastLines);
	}

	/**
	 * Return the last download progress line seen.
	 * @return the progress, or {@code null} when none was seen
	 */
	synchronized @Nullable DownloadProgress progress() {
		return this.progress;
	}

	/** Bytes of one line, decoded as UTF-8 when the line ends. */
	private static final class LineBuffer {

		/**
		 * A longer line is cut: a server that never ends a line must not fill the heap.
		 */
		private static final int MAX_LENGTH = 16 * 1024;

		private byte[] bytes = new byte[256];

		private int length;

		boolean isFull() {
			return this.length == MAX_LENGTH;
		}

		void add(byte b) {
			if (this.length == this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, this.length * 2);
			}
			this.bytes[this.length++] = b;
		}

		void flush(Consumer<String> consumer) {
			if (this.length > 0) {
				consumer.accept(new String(this.bytes, 0, this.length, StandardCharsets.UTF_8));
				this.length = 0;
			}
		}

	}

}

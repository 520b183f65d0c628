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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The server the launcher gave the application, started or reused, and how far it is from
 * generating. The stage is derived from what was seen (the process, its output, the
 * readiness check), never stored.
 *
 * @author mlxlm developers
 */
final class MlxLmLaunchedServer {

	private final String baseUrl;

	private final String model;

	private final @Nullable MlxLmServerProcess process;

	private volatile boolean answered;

	private volatile boolean ready;

	private volatile @Nullable String failure;

	private int users;

	/**
	 * Create a server.
	 * @param baseUrl its base URL
	 * @param model the model it serves
	 * @param process its process when the launcher started it, or {@code null} when it
	 * was already running
	 */
	MlxLmLaunchedServer(String baseUrl, String model, @Nullable MlxLmServerProcess process) {
		this.baseUrl = baseUrl;
		this.model = model;
		this.process = process;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	String model() {
		return this.model;
	}

	@Nullable MlxLmServerProcess process() {
		return this.process;
	}

	/** The server answered {@code /health}: its model may still be loading. */
	void answered() {
		this.answered = true;
	}

	/** The server's model generated a token. */
	void ready() {
		this.ready = true;
	}

	/**
	 * The readiness check failed.
	 * @param failure why
	 */
	void failed(String failure) {
		this.failure = failure;
	}

	synchronized void acquire() {
		this.users++;
	}

	/**
	 * One application context stopped using the server.
	 * @return whether no context uses it any more
	 */
	synchronized boolean release() {
		this.users = Math.max(0, this.users - 1);
		return this.users == 0;
	}

	boolean isAlive() {
		return this.process == null || this.process.isAlive();
	}

	/**
	 * Return where the server stands.
	 * @return the stage
	 */
	Stage stage() {
		MlxLmServerProcess process = this.process;
		if (process != null && !process.isAlive()) {
			return Stage.EXITED;
		}
		if (this.failure != null) {
			return Stage.FAILED;
		}
		if (this.ready) {
			return Stage.READY;
		}
		DownloadProgress progress = progress();
		if (progress != null && progress.percent() < 100) {
			return Stage.DOWNLOADING;
		}
		return this.answered ? Stage.LOADING : Stage.STARTING;
	}

	@Nullable DownloadProgress progress() {
		MlxLmServerProcess process = this.process;
		return (process != null) ? process.output().progress() : null;
	}

	/**
	 * Return what the health component shows of the server.
	 * @return the details, for the {@code launcher} detail
	 */
	Map<String, Object> details() {
		Stage stage = stage();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("stage", stage.toString());
		details.put("model", this.model);
		MlxLmServerProcess process = this.process;
		details.put("started", process != null);
		if (process != null) {
			details.put("pid", process.pid());
		}
		DownloadProgress progress = progress();
		if (stage == Stage.DOWNLOADING && progress != null) {
			details.put("progress", progress.toString());
		}
		Integer exitCode = (process != null) ? process.exitCode() : null;
		if (exitCode != null) {
			details.put("exitCode", exitCode);
		}
		String failure = this.failure;
		if (failure != null) {
			details.put("error", failure);
		}
		return details;
	}

	/**
	 * How far a server is from generating.
	 */
	enum Stage {

		/** Started; not answering yet. */
		STARTING,

		/** Downloading its model from Hugging Face. */
		DOWNLOADING,

		/** Answering {@code /health}; its model is not generating yet. */
		LOADING,

		/** Its model generated a token. */
		READY,

		/** The readiness check failed. */
		FAILED,

		/** The process ended. */
		EXITED;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}

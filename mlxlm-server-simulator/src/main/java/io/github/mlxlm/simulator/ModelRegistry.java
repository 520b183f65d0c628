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

package io.github.mlxlm.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Which models exist (the "Hugging Face cache"), which one is resident, and what a
 * request's {@code "model"} does to it: any id other than the resident one is loaded
 * (slowly) and evicts it; an unknown id unloads it and fails.
 *
 * @author mlxlm developers
 */
final class ModelRegistry {

	static final String NO_MODEL_ERROR = "expected str, bytes or os.PathLike object, not NoneType";

	private final @Nullable String defaultModel;

	private final @Nullable List<String> cache;

	private final boolean shuffle;

	private final Faults faults;

	/**
	 * Read without the load lock: /health, /v1/models and assertions must not wait for a
	 * load.
	 */
	private volatile @Nullable String resident;

	private final List<String> loads = new CopyOnWriteArrayList<>();

	/* When the start-up model is loaded (System.nanoTime()). */
	private final long startupLoadedAt;

	ModelRegistry(@Nullable String defaultModel, @Nullable List<String> cache, boolean shuffle, Faults faults) {
		this(defaultModel, cache, shuffle, faults, Duration.ZERO);
	}

	ModelRegistry(@Nullable String defaultModel, @Nullable List<String> cache, boolean shuffle, Faults faults,
			Duration startupLoad) {
		this.startupLoadedAt = System.nanoTime() + startupLoad.toNanos();
		this.defaultModel = defaultModel;
		this.cache = (cache != null) ? List.copyOf(cache) : null;
		this.shuffle = shuffle;
		this.faults = faults;
		this.resident = defaultModel;
	}

	/*
	 * Whether {@code --model} names a local path, which the server lists as an absolute
	 * path.
	 */
	static boolean isLocalPath(String model) {
		return model.startsWith("/") || model.startsWith(".") || model.startsWith("~")
				|| Files.isDirectory(Path.of(model));
	}

	static String absolute(String model) {
		String expanded = model.startsWith("~") ? System.getProperty("user.home") + model.substring(1) : model;
		return Path.of(expanded).toAbsolutePath().normalize().toString();
	}

	/*
	 * The ids {@code /v1/models} lists, or {@code null} when there is no cache (empty
	 * reply).
	 */
	@Nullable List<String> listed() {
		if (this.cache == null) {
			return null;
		}
		List<String> ids = new ArrayList<>(this.cache);
		if (this.shuffle) {
			Collections.shuffle(ids, ThreadLocalRandom.current());
		}
		if (this.defaultModel != null && isLocalPath(this.defaultModel)) {
			ids.add(absolute(this.defaultModel));
		}
		return ids;
	}

	/**
	 * Makes the requested model resident. Synchronized: like the server's single
	 * generation thread, one load at a time.
	 * @param requested the request's {@code model}, or {@code null} when omitted
	 * @return the resident model id
	 */
	synchronized String select(@Nullable String requested) throws LoadException, InterruptedException {
		String key = (requested == null || "default_model".equals(requested)) ? this.defaultModel : requested;
		if (key == null) {
			throw new LoadException(NO_MODEL_ERROR);
		}
		if (key.equals(this.resident)) {
			long loading = this.startupLoadedAt - System.nanoTime();
			if (loading > 0) {
				// simulated start-up load, not synchronisation
				Thread.sleep(loading / 1_000_000, (int) (loading % 1_000_000));
			}
			return key;
		}
		String failure = this.faults.modelLoadFailure(key);
		if (failure == null && !known(key)) {
			failure = "404 Client Error. (Request ID: Root=1-00000000-000000000000000000000000)\n\n"
					+ "Repository Not Found for url: https://huggingface.co/api/models/" + key + "/revision/main.\n"
					+ "Please make sure you specified the correct `repo_id` and `repo_type`.\n"
					+ "If you are trying to access a private or gated repo, make sure you are authenticated.";
		}
		if (failure != null) {
			this.resident = null;
			throw new LoadException(failure);
		}
		long delay = this.faults.modelLoadDelay().toMillis();
		if (delay > 0) {
			Thread.sleep(delay); // simulated load time, not synchronisation
		}
		this.loads.add(key);
		this.resident = key;
		return key;
	}

	/*
	 * Whether serving this request means loading a model (the server then drains its
	 * batch first).
	 *
	 * @param requested the request's {@code model}, or {@code null} when omitted
	 */
	boolean wouldLoad(@Nullable String requested) {
		String key = (requested == null || "default_model".equals(requested)) ? this.defaultModel : requested;
		return key != null && !key.equals(this.resident);
	}

	private boolean known(String key) {
		if (key.equals(this.defaultModel)) {
			return true;
		}
		if (this.cache != null && this.cache.contains(key)) {
			return true;
		}
		return this.defaultModel != null && isLocalPath(this.defaultModel) && key.equals(absolute(this.defaultModel));
	}

	List<String> loads() {
		return List.copyOf(this.loads);
	}

	Optional<String> resident() {
		return Optional.ofNullable(this.resident);
	}

	synchronized void reset() {
		this.loads.clear();
		this.resident = this.defaultModel;
	}

	/* A model could not be loaded; the text becomes the 404 body's {@code error}. */
	static final class LoadException extends Exception {

		private static final long serialVersionUID = 1L;

		LoadException(String message) {
			super(message, null, false, false);
		}

	}

}

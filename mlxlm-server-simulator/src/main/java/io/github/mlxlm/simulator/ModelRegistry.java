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
 */
final class ModelRegistry {

	static final String NO_MODEL_ERROR = "expected str, bytes or os.PathLike object, not NoneType";

	/** A model could not be loaded; the text becomes the 404 body's {@code error}. */
	static final class LoadException extends Exception {

		private static final long serialVersionUID = 1L;

		LoadException(String message) {
			super(message, null, false, false);
		}

	}

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

	/** When the start-up model is loaded (System.nanoTime()). */
	private final long startupLoadedAt;

	ModelRegistry(@Nullable String defaultModel, @Nullable List<String> cache, boolean shuffle, Faults faults) {
		this(defaultModel, cache, shuffle, faults, Duration.ZERO);
	}

	ModelRegistry(@Nullable String defaultModel, @Nullable List<String> cache, boolean shuffle, Faults faults,
			Duration startupLoad) {
		this.startupLoadedAt = System.nanoTime() + startupLoad.toNanos();
		this.defaultModel = defaultModel;
		this.cache = cache == null ? null : List.copyOf(cache);
		this.shuffle = shuffle;
		this.faults = faults;
		this.resident = defaultModel;
	}

	/**
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

	/**
	 * The ids {@code /v1/models} lists, or {@code null} when there is no cache (empty
	 * reply).
	 */
	@Nullable List<String> listed() {
		if (cache == null) {
			return null;
		}
		List<String> ids = new ArrayList<>(cache);
		if (shuffle) {
			Collections.shuffle(ids, ThreadLocalRandom.current());
		}
		if (defaultModel != null && isLocalPath(defaultModel)) {
			ids.add(absolute(defaultModel));
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
		String key = requested == null || "default_model".equals(requested) ? defaultModel : requested;
		if (key == null) {
			throw new LoadException(NO_MODEL_ERROR);
		}
		if (key.equals(resident)) {
			long loading = this.startupLoadedAt - System.nanoTime();
			if (loading > 0) {
				// simulated start-up load, not synchronisation
				Thread.sleep(loading / 1_000_000, (int) (loading % 1_000_000));
			}
			return key;
		}
		String failure = faults.modelLoadFailure(key);
		if (failure == null && !known(key)) {
			failure = "404 Client Error. (Request ID: Root=1-00000000-000000000000000000000000)\n\n"
					+ "Repository Not Found for url: https://huggingface.co/api/models/" + key + "/revision/main.\n"
					+ "Please make sure you specified the correct `repo_id` and `repo_type`.\n"
					+ "If you are trying to access a private or gated repo, make sure you are authenticated.";
		}
		if (failure != null) {
			resident = null;
			throw new LoadException(failure);
		}
		long delay = faults.modelLoadDelay().toMillis();
		if (delay > 0) {
			Thread.sleep(delay); // simulated load time, not synchronisation
		}
		loads.add(key);
		resident = key;
		return key;
	}

	/**
	 * Whether serving this request means loading a model (the server then drains its
	 * batch first).
	 * @param requested the request's {@code model}, or {@code null} when omitted
	 */
	boolean wouldLoad(@Nullable String requested) {
		String key = requested == null || "default_model".equals(requested) ? defaultModel : requested;
		return key != null && !key.equals(resident);
	}

	private boolean known(String key) {
		if (key.equals(defaultModel)) {
			return true;
		}
		if (cache != null && cache.contains(key)) {
			return true;
		}
		return defaultModel != null && isLocalPath(defaultModel) && key.equals(absolute(defaultModel));
	}

	List<String> loads() {
		return List.copyOf(loads);
	}

	Optional<String> resident() {
		return Optional.ofNullable(resident);
	}

	synchronized void reset() {
		loads.clear();
		resident = defaultModel;
	}

}

package io.github.mlxlm.launcher;

/**
 * What the launcher does with {@code mlx_lm.server} over the application's life (the
 * values of Boot's {@code spring.docker.compose.lifecycle-management}).
 *
 * @author mlxlm developers
 */
public enum LifecycleManagement {

	/**
	 * Neither start nor stop: the launcher does nothing.
	 */
	NONE(false, false),

	/**
	 * Start the server (or reuse a running one) and leave it running for the next start.
	 */
	START_ONLY(true, false),

	/**
	 * Start the server (or reuse a running one) and stop the one it started when the
	 * application stops.
	 */
	START_AND_STOP(true, true);

	private final boolean start;

	private final boolean stop;

	LifecycleManagement(boolean start, boolean stop) {
		this.start = start;
		this.stop = stop;
	}

	/**
	 * Return whether the server should be started.
	 * @return whether to start
	 */
	public boolean shouldStart() {
		return this.start;
	}

	/**
	 * Return whether the server the launcher started should be stopped.
	 * @return whether to stop
	 */
	public boolean shouldStop() {
		return this.stop;
	}

}

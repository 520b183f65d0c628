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

/**
 * What the launcher does with {@code mlx_lm.server} over the application's life (the
 * values of Boot's {@code spring.docker.compose.lifecycle-management}).
 *
 * @author mlxlm developers
 * @since 0.1.0
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

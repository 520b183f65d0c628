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

package io.github.mlxlm.health;

import java.util.Map;

import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * What the part of an application that starts the server knows of it (such as
 * {@code mlxlm-spring-boot-launcher} while the model downloads or loads). The
 * {@link MlxLmHealthIndicator} asks it first: before the server is ready it reports the
 * startup's status and details without calling the server, so a readiness probe stays
 * out; once it is ready, the usual check runs and the details are added.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
@FunctionalInterface
public interface MlxLmServerStartup {

	/**
	 * Return where the server's start stands now.
	 * @return the current progress
	 */
	Progress progress();

	/**
	 * Where a server's start stands.
	 *
	 * @param ready whether the server can generate (the usual health check applies)
	 * @param status the status to report while not ready ({@link Status#OUT_OF_SERVICE}
	 * while it starts, {@link Status#DOWN} once it failed); ignored when ready
	 * @param details details to add to the health, such as the stage and the download's
	 * progress
	 */
	record Progress(boolean ready, Status status, Map<String, Object> details) {

		public Progress {
			Assert.notNull(status, "'status' must not be null");
			details = Map.copyOf(details);
		}

	}

}

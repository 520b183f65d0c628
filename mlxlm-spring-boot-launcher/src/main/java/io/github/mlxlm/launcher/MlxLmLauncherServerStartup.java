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

import java.util.Map;

import io.github.mlxlm.health.MlxLmServerStartup;

import org.springframework.boot.health.contributor.Status;

/**
 * Tells the {@code mlxlm} health component where the launched server stands: while it
 * starts, downloads or loads its model it is {@code OUT_OF_SERVICE} (a readiness probe
 * stays out), once its process ended or its readiness check failed it is {@code DOWN}.
 * Created only when Boot's health module is on the classpath.
 *
 * @author mlxlm developers
 */
final class MlxLmLauncherServerStartup implements MlxLmServerStartup {

	private final MlxLmLaunchedServer server;

	MlxLmLauncherServerStartup(MlxLmLaunchedServer server) {
		this.server = server;
	}

	@Override
	public Progress progress() {
		MlxLmLaunchedServer.Stage stage = this.server.stage();
		Status status = switch (stage) {
			case EXITED, FAILED -> Status.DOWN;
			default -> Status.OUT_OF_SERVICE;
		};
		return new Progress(stage == MlxLmLaunchedServer.Stage.READY, status,
				Map.of("launcher", this.server.details()));
	}

}

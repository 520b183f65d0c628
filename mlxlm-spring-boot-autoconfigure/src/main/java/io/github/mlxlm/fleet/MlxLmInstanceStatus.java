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

package io.github.mlxlm.fleet;

import io.github.mlxlm.client.MlxLmServerStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the last check of one instance found.
 *
 * @param up whether its {@code /health} answered 200 and no connection to it was refused
 * since
 * @param model the model it serves as its listing tells it (its own {@code --model} when
 * that is a local path, or the only model it lists), or {@code null} when that is unknown
 * or only a guess
 * @param error why it is down, or {@code null}
 * @param checkedAt when it was checked, in {@link System#nanoTime()} units
 * @author mlxlm developers
 * @since 0.1.0
 */
public record MlxLmInstanceStatus(boolean up, @Nullable String model, @Nullable String error, long checkedAt) {

	static MlxLmInstanceStatus of(MlxLmServerStatus status, long checkedAt) {
		boolean guessed = Boolean.TRUE.equals(status.metadata().get("modelGuessed"));
		String model = (status.modelDetected() && !guessed) ? status.modelId() : null;
		return new MlxLmInstanceStatus(status.connected(), model, status.error(), checkedAt);
	}

	static MlxLmInstanceStatus down(String error, long checkedAt) {
		return new MlxLmInstanceStatus(false, null, error, checkedAt);
	}

}

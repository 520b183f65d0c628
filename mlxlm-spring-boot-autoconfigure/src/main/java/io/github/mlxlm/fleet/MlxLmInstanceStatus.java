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

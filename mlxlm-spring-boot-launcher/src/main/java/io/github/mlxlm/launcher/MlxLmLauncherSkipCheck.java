package io.github.mlxlm.launcher;

import java.util.List;

/**
 * Whether the launcher is skipped because the application runs in a test (tests use the
 * simulator), read from the stack as Boot's {@code DockerComposeSkipCheck} does.
 *
 * @author mlxlm developers
 */
final class MlxLmLauncherSkipCheck {

	private static final List<String> TEST_FRAMEWORKS = List.of("org.junit.runners.", "org.junit.platform.",
			"org.springframework.boot.test.", "cucumber.runtime.", "org.testng.");

	private MlxLmLauncherSkipCheck() {
	}

	static boolean shouldSkip(MlxLmLauncherProperties.Skip properties) {
		if (!properties.isInTests()) {
			return false;
		}
		for (StackTraceElement element : Thread.currentThread().getStackTrace()) {
			for (String framework : TEST_FRAMEWORKS) {
				if (element.getClassName().startsWith(framework)) {
					return true;
				}
			}
		}
		return false;
	}

}

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

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

package io.github.mlxlm.autoconfigure.simulator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link MlxLmSimulatorMissingException}: which dependency to add, for tests
 * and for running the application on the simulator.
 *
 * @author mlxlm developers
 */
class MlxLmSimulatorMissingFailureAnalyzer extends AbstractFailureAnalyzer<MlxLmSimulatorMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MlxLmSimulatorMissingException cause) {
		String version = version();
		String action = String.format(
				"Add the simulator to your build, or set mlxlm.simulator.enabled=false"
						+ " and point mlxlm.base-url at a running mlx_lm.server.%n%n"
						+ "If only your tests use the simulator (mlxlm.simulator.enabled=true set in test properties),"
						+ " add it with test scope:%n%n%s%n"
						+ "If the application itself runs on the simulator (a demo, a machine without Apple Silicon),"
						+ " add it with runtime scope:%n%n%s%n"
						+ "Gradle: testImplementation(\"io.github.mlxlm:mlxlm-server-simulator:%s\")"
						+ " or runtimeOnly(\"io.github.mlxlm:mlxlm-server-simulator:%s\")",
				dependency(version, "test"), dependency(version, "runtime"), version, version);
		return new FailureAnalysis(cause.getMessage() + ".", action, cause);
	}

	private static String dependency(String version, String scope) {
		return String.format("    <dependency>%n        <groupId>io.github.mlxlm</groupId>%n"
				+ "        <artifactId>mlxlm-server-simulator</artifactId>%n        <version>%s</version>%n"
				+ "        <scope>%s</scope>%n    </dependency>%n", version, scope);
	}

	/*
	 * The starter's version, from the jar manifest; a property placeholder when not
	 * packaged (the simulator and the starter share their version).
	 */
	private static String version() {
		@Nullable String version = MlxLmSimulatorMissingFailureAnalyzer.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "${mlxlm.version}";
	}

}

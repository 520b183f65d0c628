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

import org.springframework.context.ApplicationContext;

/**
 * Reads what the launcher tells the health component, as a user would see it.
 *
 * @author mlxlm developers
 */
final class MlxLmLauncherTestSupport {

	private MlxLmLauncherTestSupport() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> launcherDetails(ApplicationContext context) {
		MlxLmServerStartup startup = context.getBean(MlxLmServerStartup.class);
		return (Map<String, Object>) startup.progress().details().get("launcher");
	}

	static long serverPid(ApplicationContext context) {
		return ((Number) launcherDetails(context).get("pid")).longValue();
	}

	static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}

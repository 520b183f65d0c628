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

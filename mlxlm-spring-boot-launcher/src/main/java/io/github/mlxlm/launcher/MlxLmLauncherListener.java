package io.github.mlxlm.launcher;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts (or reuses) the application's {@code mlx_lm.server} once the context is prepared
 * and before it is refreshed, so the server answers before the beans that call it exist
 * (Boot's {@code DockerComposeListener} does the same for containers).
 *
 * @author mlxlm developers
 */
class MlxLmLauncherListener implements ApplicationListener<ApplicationPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		Binder binder = Binder.get(context.getEnvironment());
		new MlxLmLauncherLifecycleManager(context, binder, MlxLmLauncherProperties.get(binder)).start();
	}

}

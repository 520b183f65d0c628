package io.github.mlxlm.bench.startup;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A minimal Boot application, started with and without the starter on its class path.
 * Prints {@code STARTED <ms since JVM start> <bean count> <classes loaded>} once the
 * context is ready, then exits.
 */
@SpringBootApplication
public class StartupApp {

	public static void main(String[] args) {
		SpringApplication app = new SpringApplication(StartupApp.class);
		// Same for both variants: the starter brings spring-webflux, which would
		// otherwise make Boot
		// look for a reactive web server.
		app.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = app.run(args);
		long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		System.out.println("STARTED " + ms + " " + context.getBeanDefinitionCount() + " "
				+ ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
		context.close();
	}

}

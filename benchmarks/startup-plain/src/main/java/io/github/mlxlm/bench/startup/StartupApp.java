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

package io.github.mlxlm.bench.startup;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A minimal Boot application, started with and without the starter on its class path.
 * Prints {@code STARTED <ms since JVM start> <bean count> <classes loaded>} once the
 * context is ready, then exits.
 * <p>
 * With {@code --bench.calls=N} it then makes N calls through the context's
 * {@code ChatModel} ({@code call(String)}, looked up by name so that this class needs no
 * Spring AI) and prints
 * {@code CALLS <first call µs> <median µs of the second half> <answer of the first call>}.
 *
 * @author mlxlm developers
 */
@SpringBootApplication
public class StartupApp {

	public static void main(String[] args) throws Exception {
		SpringApplication app = new SpringApplication(StartupApp.class);
		// Same for every variant: the starter brings spring-webflux, which would
		// otherwise make Boot
		// look for a reactive web server.
		app.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = app.run(args);
		long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		System.out.println("STARTED " + ms + " " + context.getBeanDefinitionCount() + " "
				+ ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
		int calls = context.getEnvironment().getProperty("bench.calls", Integer.class, 0);
		if (calls > 0) {
			Class<?> type = Class.forName("org.springframework.ai.chat.model.ChatModel");
			Object model = context.getBean(type);
			Method call = type.getMethod("call", String.class);
			String prompt = context.getEnvironment().getProperty("bench.prompt", "Say hello in sixteen tokens.");
			long[] micros = new long[calls];
			String first = null;
			for (int i = 0; i < calls; i++) {
				long t0 = System.nanoTime();
				Object answer = call.invoke(model, prompt);
				micros[i] = (System.nanoTime() - t0) / 1000;
				if (i == 0) {
					first = String.valueOf(answer);
				}
			}
			long[] warm = Arrays.copyOfRange(micros, calls / 2, calls);
			Arrays.sort(warm);
			System.out.println("CALLS " + micros[0] + " " + warm[warm.length / 2] + " " + first.replace(' ', '_'));
		}
		context.close();
	}

}

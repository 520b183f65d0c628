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

package io.github.mlxlm.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mlxlm.simulator.MlxLmSimulator;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts one embedded simulator per model of {@code sample.fleet.models} and lists them
 * as the instances of the {@code mlxlm} service in Spring Cloud's simple discovery, as if
 * three Macs ran {@code mlx_lm.server}.
 * <p>
 * A bean factory post-processor, so that the simulators listen and their URLs are in the
 * environment before any bean (discovery's properties included) is created.
 *
 * @author mlxlm developers
 */
class FleetSimulators implements BeanFactoryPostProcessor, DisposableBean {

	private static final String INSTANCES = "spring.cloud.discovery.client.simple.instances.mlxlm";

	private final ConfigurableEnvironment environment;

	private final List<MlxLmSimulator> simulators = new ArrayList<>();

	FleetSimulators(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Binder binder = Binder.get(this.environment);
		List<String> models = binder.bind("sample.fleet.models", String[].class).map(List::of).orElse(List.of());
		double tokensPerSecond = binder.bind("sample.fleet.tokens-per-second", Double.class).orElse(150.0);
		Map<String, Object> instances = new LinkedHashMap<>();
		for (int i = 0; i < models.size(); i++) {
			MlxLmSimulator simulator = MlxLmSimulator.builder()
				.model(models.get(i))
				.tokensPerSecond(tokensPerSecond)
				.start();
			this.simulators.add(simulator);
			instances.put(INSTANCES + "[" + i + "].uri", simulator.serverUrl());
			instances.put(INSTANCES + "[" + i + "].metadata.model", models.get(i));
		}
		this.environment.getPropertySources().addFirst(new MapPropertySource("sampleFleetSimulators", instances));
	}

	/**
	 * Return the running simulators, in the order of {@code sample.fleet.models}.
	 * @return the simulators
	 */
	List<MlxLmSimulator> simulators() {
		return List.copyOf(this.simulators);
	}

	@Override
	public void destroy() {
		this.simulators.forEach(MlxLmSimulator::close);
	}

}

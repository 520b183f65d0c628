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

package io.github.mlxlm.autoconfigure.fleet;

import io.github.mlxlm.autoconfigure.MlxLmProperties;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Fails start-up when an {@code lb://} base URL is set but Spring Cloud LoadBalancer is
 * missing.
 * <p>
 * A bean factory post-processor, so that it fails before any other bean is created: the
 * report then names the missing dependency rather than whatever bean first met the URL.
 *
 * @author mlxlm developers
 */
class MlxLmLoadBalancerMissingCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	MlxLmLoadBalancerMissingCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		throw new MlxLmLoadBalancerMissingException(
				String.valueOf(this.environment.getProperty(MlxLmProperties.PREFIX + ".base-url")));
	}

}

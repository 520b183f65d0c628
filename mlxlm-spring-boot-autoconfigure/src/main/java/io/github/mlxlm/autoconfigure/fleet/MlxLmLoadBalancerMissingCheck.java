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

package io.github.mlxlm.autoconfigure;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code mlxlm.base-url} is not a load-balanced URL: one server, whose
 * single-server beans (such as its health indicator) then apply.
 *
 * @author mlxlm developers
 */
class NotLoadBalancedBaseUrlCondition extends NoneNestedConditions {

	NotLoadBalancedBaseUrlCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(OnLoadBalancedBaseUrlCondition.class)
	static class LoadBalanced {

	}

}

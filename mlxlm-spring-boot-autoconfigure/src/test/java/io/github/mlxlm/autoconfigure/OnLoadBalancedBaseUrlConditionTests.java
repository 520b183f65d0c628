package io.github.mlxlm.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link OnLoadBalancedBaseUrlCondition}: the condition report (--debug) never
 * shows a password in the base URL.
 */
class OnLoadBalancedBaseUrlConditionTests {

	@Test
	void noMatchMasksAPasswordInTheBaseUrl() {
		assertThat(outcome("http://user:s3cret@mac:8080/v1").getMessage()).doesNotContain("s3cret").contains("****");
	}

	@Test
	void loadBalancedUrlWithAPasswordIsNoMatchAndMasked() {
		// Invalid, so left to the connection's validation, which refuses it at start-up.
		ConditionOutcome outcome = outcome("lb://user:s3cret@mlxlm/v1");
		assertThat(outcome.isMatch()).isFalse();
		assertThat(outcome.getMessage()).doesNotContain("s3cret").contains("****");
	}

	@Test
	void validLoadBalancedUrlMatches() {
		assertThat(outcome("lb://mlxlm/v1").isMatch()).isTrue();
	}

	private static ConditionOutcome outcome(String baseUrl) {
		ConditionContext context = mock(ConditionContext.class);
		given(context.getEnvironment()).willReturn(new MockEnvironment().withProperty("mlxlm.base-url", baseUrl));
		return new OnLoadBalancedBaseUrlCondition().getMatchOutcome(context, null);
	}

}

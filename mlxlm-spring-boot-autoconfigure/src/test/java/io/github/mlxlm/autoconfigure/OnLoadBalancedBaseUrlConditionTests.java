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

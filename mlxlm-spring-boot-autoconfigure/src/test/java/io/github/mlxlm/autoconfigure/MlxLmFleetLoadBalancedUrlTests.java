package io.github.mlxlm.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MlxLmLoadBalancedUrl}.
 */
class MlxLmFleetLoadBalancedUrlTests {

	@Test
	void serviceIdIsTheHostAndThePathIsKept() {
		assertThat(MlxLmLoadBalancedUrl.of("lb://mlxlm/v1/")).isEqualTo(new MlxLmLoadBalancedUrl("mlxlm", "/v1"));
	}

	@Test
	void serviceIdThatIsNoHostNameIsTakenFromTheAuthority() {
		assertThat(MlxLmLoadBalancedUrl.of("lb://mlx_lm/v1").serviceId()).isEqualTo("mlx_lm");
	}

	@Test
	void urlWithoutPathHasAnEmptyPath() {
		assertThat(MlxLmLoadBalancedUrl.of("lb://mlxlm").basePath()).isEmpty();
	}

	@Test
	void schemeIsRecognisedWhateverItsCase() {
		assertThat(MlxLmLoadBalancedUrl.isLoadBalanced(" LB://mlxlm/v1")).isTrue();
		assertThat(MlxLmLoadBalancedUrl.isLoadBalanced("http://localhost:8080/v1")).isFalse();
		assertThat(MlxLmLoadBalancedUrl.isLoadBalanced(null)).isFalse();
	}

	@Test
	void httpUrlIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MlxLmLoadBalancedUrl.of("http://localhost:8080/v1"));
	}

}

package io.github.mlxlm.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTests {

	@Test
	void withALimitRunningGenerationsShareTheTokenRate() throws InterruptedException {
		Scheduler scheduler = new Scheduler(4, 0);
		try (Scheduler.Slot a = scheduler.acquire(() -> false, false);
				Scheduler.Slot b = scheduler.acquire(() -> false, false)) {
			assertThat(scheduler.decodeShare()).isEqualTo(2);
		}
		assertThat(scheduler.active()).isZero();
	}

	@Test
	void withoutALimitEveryGenerationRunsAtTheFullRate() throws InterruptedException {
		Scheduler scheduler = new Scheduler(0, 0);
		try (Scheduler.Slot a = scheduler.acquire(() -> false, false);
				Scheduler.Slot b = scheduler.acquire(() -> false, false)) {
			assertThat(scheduler.decodeShare()).isEqualTo(1);
			assertThat(scheduler.peak()).isEqualTo(2);
		}
	}

	@Test
	void withAPromptLimitPrefillsShareThePrefillRate() throws InterruptedException {
		Scheduler scheduler = new Scheduler(0, 2);
		try (Scheduler.Slot a = scheduler.acquirePrefill(); Scheduler.Slot b = scheduler.acquirePrefill()) {
			assertThat(scheduler.prefillShare()).isEqualTo(2);
		}
	}

	@Test
	void closingASlotTwiceFreesItOnce() throws InterruptedException {
		Scheduler scheduler = new Scheduler(2, 0);
		Scheduler.Slot a = scheduler.acquire(() -> false, false);
		try (Scheduler.Slot b = scheduler.acquire(() -> false, false)) {
			a.close();
			a.close();
			assertThat(scheduler.active()).isEqualTo(1);
		}
	}

	@Test
	void closingTheSchedulerEndsAWait() throws InterruptedException {
		Scheduler scheduler = new Scheduler(1, 0);
		try (Scheduler.Slot a = scheduler.acquire(() -> false, false)) {
			scheduler.close();
			assertThat(scheduler.acquire(() -> false, false)).isNull();
		}
	}

}

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

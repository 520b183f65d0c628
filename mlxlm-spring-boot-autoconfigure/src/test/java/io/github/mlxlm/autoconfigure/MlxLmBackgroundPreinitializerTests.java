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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmBackgroundPreinitializer}.
 */
class MlxLmBackgroundPreinitializerTests {

	private final List<Runnable> started = new ArrayList<>();

	private final MlxLmBackgroundPreinitializer preinitializer = new MlxLmBackgroundPreinitializer(new AtomicBoolean(),
			this.started::add);

	private static ApplicationEnvironmentPreparedEvent environmentPrepared() {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], new StandardEnvironment());
	}

	@Test
	void everyStepSucceeds() {
		assertThat(MlxLmBackgroundPreinitializer.preinitialize()).isEmpty();
	}

	@Test
	void startsOnceWhenTheEnvironmentIsPrepared() {
		this.preinitializer.onApplicationEvent(
				new ApplicationStartingEvent(new DefaultBootstrapContext(), new SpringApplication(), new String[0]));
		assertThat(this.started).isEmpty();
		this.preinitializer.onApplicationEvent(environmentPrepared());
		this.preinitializer.onApplicationEvent(environmentPrepared());
		assertThat(this.started).hasSize((Runtime.getRuntime().availableProcessors() > 1) ? 1 : 0);
	}

	@Test
	void springBootsSwitchTurnsItOff() {
		System.setProperty(MlxLmBackgroundPreinitializer.IGNORE, "true");
		try {
			this.preinitializer.onApplicationEvent(environmentPrepared());
			assertThat(this.started).isEmpty();
		}
		finally {
			System.clearProperty(MlxLmBackgroundPreinitializer.IGNORE);
		}
	}

}

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

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs a {@link MlxLmSimulator}.
 * <p>
 * On a {@code static} {@code @RegisterExtension} field, one simulator serves the whole
 * class; on an instance field, each test gets its own. Either way the simulator is
 * {@link MlxLmSimulator#reset() reset} before each test (requests, faults, loads, prompt
 * cache), and {@link MlxLmSimulator} parameters are injected.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static MlxLmSimulatorExtension mlx = new MlxLmSimulatorExtension(
 *         MlxLmSimulator.builder().model("mlx-community/Qwen3-4B-Instruct-2507-4bit"));
 * </pre>
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public final class MlxLmSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final MlxLmSimulator.@Nullable Builder builder;

	private @Nullable MlxLmSimulator simulator;

	private int classDepth;

	private boolean perTest;

	/** Used through {@link MlxLmSimulatorTest}: configured from the annotation. */
	public MlxLmSimulatorExtension() {
		this.builder = null;
	}

	/**
	 * Runs a simulator configured by this builder.
	 * @param builder the configuration ({@link MlxLmSimulator.Builder#start()} is called
	 * by the extension)
	 */
	public MlxLmSimulatorExtension(MlxLmSimulator.Builder builder) {
		this.builder = builder;
	}

	/**
	 * The running simulator.
	 * @return the simulator
	 * @throws IllegalStateException outside a test's lifecycle
	 */
	public MlxLmSimulator simulator() {
		MlxLmSimulator sim = this.simulator;
		if (sim == null) {
			throw new IllegalStateException("The MLX-LM simulator runs only while tests run");
		}
		return sim;
	}

	/**
	 * Shortcut for {@code simulator().baseUrl()}.
	 * @return e.g. {@code http://127.0.0.1:54321/v1}
	 */
	public String baseUrl() {
		return simulator().baseUrl();
	}

	private MlxLmSimulator start(ExtensionContext context) {
		MlxLmSimulator.Builder b = this.builder;
		if (b == null) {
			Optional<MlxLmSimulatorTest> annotation = context.getTestClass()
				.flatMap((c) -> AnnotationSupport.findAnnotation(c, MlxLmSimulatorTest.class));
			b = MlxLmSimulator.builder();
			if (annotation.isPresent()) {
				MlxLmSimulatorTest a = annotation.get();
				b.model(a.model().isEmpty() ? null : a.model());
				if (a.huggingFaceCache().length > 0) {
					b.huggingFaceCache(a.huggingFaceCache());
				}
			}
			else {
				b.model("mlx-community/Qwen3-4B-Instruct-2507-4bit");
			}
		}
		return b.start();
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		if (this.classDepth++ == 0) {
			this.simulator = start(context);
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (--this.classDepth == 0 && this.simulator != null) {
			this.simulator.close();
			this.simulator = null;
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		if (this.simulator == null) {
			this.perTest = true;
			this.simulator = start(context);
		}
		else {
			this.simulator.reset();
		}
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.perTest && this.simulator != null) {
			this.simulator.close();
			this.simulator = null;
			this.perTest = false;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MlxLmSimulator.class;
	}

	@Override
	public synchronized Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (this.simulator == null) {
			this.perTest = this.classDepth == 0;
			this.simulator = start(extensionContext);
		}
		return this.simulator;
	}

}

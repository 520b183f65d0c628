package io.github.mlxlm.simulator;

import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.jspecify.annotations.Nullable;

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
		MlxLmSimulator sim = simulator;
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
		MlxLmSimulator.Builder b = builder;
		if (b == null) {
			Optional<MlxLmSimulatorTest> annotation = context.getTestClass()
				.flatMap(c -> AnnotationSupport.findAnnotation(c, MlxLmSimulatorTest.class));
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
		if (classDepth++ == 0) {
			simulator = start(context);
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (--classDepth == 0 && simulator != null) {
			simulator.close();
			simulator = null;
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		if (simulator == null) {
			perTest = true;
			simulator = start(context);
		}
		else {
			simulator.reset();
		}
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (perTest && simulator != null) {
			simulator.close();
			simulator = null;
			perTest = false;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MlxLmSimulator.class;
	}

	@Override
	public synchronized Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (simulator == null) {
			perTest = classDepth == 0;
			simulator = start(extensionContext);
		}
		return simulator;
	}

}

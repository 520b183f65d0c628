package io.github.mlxlm.simulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link MlxLmSimulator} for the annotated test class, resets it before each
 * test, closes it after the class, and injects it into test methods, lifecycle methods
 * and constructors that declare a {@link MlxLmSimulator} parameter.
 *
 * <pre class="code">
 * &#64;MlxLmSimulatorTest(model = "mlx-community/Qwen3-4B-Instruct-2507-4bit")
 * class MyClientTests {
 *
 *     &#64;Test
 *     void chats(MlxLmSimulator sim) {
 *         // ... sim.baseUrl() ...
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MlxLmSimulatorExtension.class)
public @interface MlxLmSimulatorTest {

	/**
	 * The start-up model ({@code --model}); empty for a server started without one.
	 * @return the model
	 */
	String model() default "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	/**
	 * The simulated Hugging Face cache; empty means the default (the model's repo id).
	 * @return the repo ids
	 */
	String[] huggingFaceCache() default {};

}

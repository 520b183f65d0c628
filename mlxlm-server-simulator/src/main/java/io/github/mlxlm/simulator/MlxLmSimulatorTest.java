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
 *
 * @author mlxlm developers
 * @since 0.1.0
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

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

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Thrown at start-up when {@code mlxlm.*} properties have values the starter cannot use.
 * It lists every invalid property at once; {@link InvalidMlxLmPropertyFailureAnalyzer}
 * turns it into a start-up report.
 *
 * @author mlxlm developers
 * @since 0.1.0
 */
public class InvalidMlxLmPropertyException extends IllegalArgumentException {

	private final List<Problem> problems;

	/**
	 * Create a new exception.
	 * @param problems every invalid property
	 */
	public InvalidMlxLmPropertyException(List<Problem> problems) {
		super(message(problems));
		Assert.notEmpty(problems, "'problems' must not be empty");
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return every invalid property, in the order the properties are documented.
	 * @return the problems
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * Return the full name of the first invalid property, such as {@code mlxlm.base-url}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.problems.get(0).property();
	}

	/**
	 * Return what to set instead, for every invalid property.
	 * @return the action
	 */
	public String getAction() {
		return this.problems.stream().map(Problem::action).collect(Collectors.joining("\n"));
	}

	private static String message(List<Problem> problems) {
		return problems.stream()
			.map((problem) -> "Invalid value '" + problem.value() + "' for property '" + problem.property() + "': "
					+ problem.reason())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * One invalid property.
	 *
	 * @param property the full property name, such as {@code mlxlm.chat.top-p}
	 * @param value the value, fit to show (a password in a URL masked)
	 * @param reason what is wrong with it
	 * @param action what to set instead
	 */
	public record Problem(String property, Object value, String reason, String action) {

		/**
		 * Describe an invalid {@code mlxlm.*} property.
		 * @param property the property below {@code mlxlm.}, such as {@code chat.top-p}
		 * @param value the value, fit to show
		 * @param reason what is wrong with it, such as {@code it must be positive}
		 * @param allowed what to set instead, such as {@code a value from 0 to 1}
		 * @return the problem
		 */
		public static Problem of(String property, @Nullable Object value, String reason, String allowed) {
			String name = MlxLmProperties.PREFIX + "." + property;
			return new Problem(name, String.valueOf(value), reason, "Set " + name + " to " + allowed + ".");
		}

		/**
		 * Add a problem for an {@code mlxlm.*} duration property that is not positive.
		 * @param problems the problems found so far
		 * @param property the property below {@code mlxlm.}, such as {@code read-timeout}
		 * @param value the value
		 * @param example a valid value to suggest, such as {@code 5m}
		 */
		public static void checkPositive(List<Problem> problems, String property, @Nullable Duration value,
				String example) {
			if (value == null || value.isZero() || value.isNegative()) {
				problems.add(of(property, value, "it must be a positive duration",
						"a positive duration, for example " + example));
			}
		}

	}

}

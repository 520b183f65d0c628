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

package io.github.mlxlm.fleet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One request's passage through the fleet, shared by the failover filter (which creates
 * it), the load balancer (which skips the instances it names) and the instance filter
 * (which records where the request went and whether a byte of it was written).
 * <p>
 * It travels as the {@code WebClient} request attribute {@link #ATTRIBUTE}: Spring
 * Cloud's load-balancer filter hands the request's attributes to the load balancer and
 * copies them to the request it sends, so every stage sees the same object.
 *
 * @author mlxlm developers
 */
final class MlxLmRoutingAttempt {

	/**
	 * Name of the {@code WebClient} request attribute that carries the attempt.
	 */
	static final String ATTRIBUTE = MlxLmRoutingAttempt.class.getName();

	private final Set<String> excluded = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String instance;

	private volatile boolean written;

	private volatile boolean alternativeLeft = true;

	/**
	 * Return the instances this request must not go to (they refused a connection).
	 * @return the excluded instance names, a live view
	 */
	Set<String> excluded() {
		return this.excluded;
	}

	/**
	 * Record that the current try goes to an instance; a new try starts unwritten.
	 * @param instance the instance's name
	 */
	void sentTo(String instance) {
		this.instance = instance;
		this.written = false;
	}

	/**
	 * Return the instance of the current try.
	 * @return the instance's name, or {@code null} before a connection was asked for
	 */
	@Nullable String instance() {
		return this.instance;
	}

	/**
	 * Record that the connection was open and the request started to be written: from
	 * here on, the request must never be sent again (the server may be generating).
	 */
	void written() {
		this.written = true;
	}

	/**
	 * Return whether any byte of the current try may have reached the server.
	 * @return whether the request started to be written
	 */
	boolean isWritten() {
		return this.written;
	}

	/**
	 * Record whether the load balancer had another instance to offer besides the one it
	 * chose.
	 * @param alternativeLeft whether another instance was left
	 */
	void alternativeLeft(boolean alternativeLeft) {
		this.alternativeLeft = alternativeLeft;
	}

	/**
	 * Return whether the load balancer had another instance to offer; {@code true} when a
	 * load balancer that does not know attempts chose.
	 * @return whether trying again may reach another instance
	 */
	boolean isAlternativeLeft() {
		return this.alternativeLeft;
	}

	/**
	 * Exclude the instance of the current try from further tries.
	 * @return the excluded instance's name, or {@code null} when there was none
	 */
	@Nullable String excludeCurrent() {
		String current = this.instance;
		if (current != null) {
			this.excluded.add(current);
		}
		return current;
	}

}

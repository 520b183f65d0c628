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

package io.github.mlxlm.client;

/**
 * The model that requests without an explicit id are expected to use, and how it was
 * found.
 * <p>
 * Detection is for reporting only: the MLX-LM server has no "loaded model" signal, and
 * sending a detected id in a request would make the server load that model and evict the
 * resident one.
 *
 * @param modelId the detected model id
 * @param source how the id was found
 * @author MLX-LM starter contributors
 */
public record MlxLmModelDetection(String modelId, Source source) {

	/**
	 * Whether the id is a guess: the first of several listed entries, which the server
	 * lists in random order.
	 * @return {@code true} when {@link #source()} is {@link Source#FIRST_ENTRY}
	 */
	public boolean guessed() {
		return this.source == Source.FIRST_ENTRY;
	}

	/**
	 * Where a detected model id came from, most trustworthy first.
	 */
	public enum Source {

		/**
		 * The model id configured on the client; the server was not asked.
		 */
		CONFIGURED,

		/**
		 * The listing's local-path entry: the server's own {@code --model} when it is a
		 * path.
		 */
		LOCAL_PATH,

		/**
		 * The only entry of the listing.
		 */
		ONLY_ENTRY,

		/**
		 * The first of several entries: a guess, since the listing is in random order.
		 */
		FIRST_ENTRY

	}

}

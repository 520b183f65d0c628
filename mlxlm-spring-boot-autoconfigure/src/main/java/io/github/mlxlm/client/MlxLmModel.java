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
 * One entry of the MLX-LM server's {@code /v1/models} listing.
 * <p>
 * The listing is the server machine's Hugging Face cache (in random order) plus the
 * server's own {@code --model} when that is a local path; an entry does <em>not</em> mean
 * the model is loaded.
 *
 * @param id the model id: a Hugging Face repo id, or an absolute path for a local model
 * @param object the entry's {@code object} field, {@code "model"} on every known server
 * version
 * @param created the entry's {@code created} field; the server sets it to the time of the
 * request
 * @author MLX-LM starter contributors
 */
public record MlxLmModel(String id, String object, long created) {

	/**
	 * Whether this entry is a local path (an absolute path), which the server lists only
	 * for its own {@code --model}.
	 * @return {@code true} if the id starts with {@code /}
	 */
	public boolean isLocalPath() {
		return this.id.startsWith("/");
	}

}

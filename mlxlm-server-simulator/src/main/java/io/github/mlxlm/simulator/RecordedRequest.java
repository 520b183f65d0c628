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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One request as the simulator received it, before any reply was chosen.
 *
 * @param method the method, e.g. {@code POST}
 * @param path the request target exactly as sent (query string included)
 * @param version the HTTP version from the request line, e.g. {@code HTTP/1.1}
 * @param headers the headers in the order sent, names in the case sent
 * @param body the raw body bytes as read by {@code Content-Length} (empty when none was
 * read)
 * @author mlxlm developers
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, String version, List<Header> headers, byte[] body) {

	/** Copies the header list so the record stays immutable. */
	public RecordedRequest {
		headers = List.copyOf(headers);
		body = body.clone();
	}

	@Override
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Decodes the body as UTF-8.
	 * @return the body text
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Finds the first header with this name, ignoring case (as Python's
	 * {@code email.message} does).
	 * @param name the header name
	 * @return its value, if sent
	 */
	public Optional<String> header(String name) {
		return this.headers.stream().filter((h) -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + " " + this.version + " " + this.headers + " " + bodyAsString();
	}

	/**
	 * One header line.
	 *
	 * @param name the name, case preserved
	 * @param value the value, surrounding whitespace trimmed
	 */
	public record Header(String name, String value) {
	}
}

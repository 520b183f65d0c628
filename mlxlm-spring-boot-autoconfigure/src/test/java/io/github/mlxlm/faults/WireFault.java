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

package io.github.mlxlm.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The rows of the fault matrix the simulator cannot make (mlx_lm.server itself never
 * sends them, but a proxy in front of it or another server on the port can): stubbed with
 * WireMock for every path.
 */
enum WireFault {

	/** 200 whose JSON (or SSE event) is cut off. */
	MALFORMED_JSON(200, "{\"id\": \"chatcmpl-5f0c\", \"object\": \"chat.completion\", \"choices\": [",
			"data: {\"id\": \"chatcmpl-5f0c\", \"choices\": [\n\n"),

	/** 200 with no body at all. */
	EMPTY_BODY(200, "", ""),

	/** 500 with the server's flat error body. */
	SERVER_ERROR(500, "{\"error\": \"Internal error\"}", "{\"error\": \"Internal error\"}"),

	/** 411: what the server answers a chunked POST body. */
	LENGTH_REQUIRED(411, "{\"error\": \"Content-Length header is required\"}",
			"{\"error\": \"Content-Length header is required\"}"),

	/**
	 * A server (or proxy) that echoes the api key in its reply's content type and page.
	 */
	KEY_IN_CONTENT_TYPE(200, "<html>" + ServerFault.API_KEY + "</html>", "<html>" + ServerFault.API_KEY + "</html>",
			"text/html; charset=" + ServerFault.API_KEY, null),

	/**
	 * A body or chunk that is the api key itself: the JSON parser's message quotes it.
	 */
	KEY_AS_PAYLOAD(200, ServerFault.API_KEY, "data: " + ServerFault.API_KEY + "\n\n"),

	/** The api key in the status line's reason phrase and the error body. */
	KEY_IN_STATUS_REASON(500, "{\"error\": \"Bearer " + ServerFault.API_KEY + " refused\"}",
			"{\"error\": \"Bearer " + ServerFault.API_KEY + " refused\"}", null, "Refused " + ServerFault.API_KEY);

	private final int status;

	private final String jsonBody;

	private final String streamBody;

	private final @Nullable String contentType;

	private final @Nullable String statusMessage;

	WireFault(int status, String jsonBody, String streamBody) {
		this(status, jsonBody, streamBody, null, null);
	}

	WireFault(int status, String jsonBody, String streamBody, @Nullable String contentType,
			@Nullable String statusMessage) {
		this.status = status;
		this.jsonBody = jsonBody;
		this.streamBody = streamBody;
		this.contentType = contentType;
		this.statusMessage = statusMessage;
	}

	/**
	 * Return the API base URL of a WireMock server, on the loopback address (resolving
	 * {@code localhost} may try IPv6 first and stall).
	 * @param server the WireMock server
	 * @return the base URL, such as {@code http://127.0.0.1:54321/v1}
	 */
	static String baseUrl(WireMockExtension server) {
		return "http://127.0.0.1:" + server.getPort() + "/v1";
	}

	/**
	 * Serve one request, so that WireMock's first-request start-up is not counted against
	 * a test's bound.
	 * @param server the WireMock server
	 */
	static void warmUp(WireMockExtension server) {
		server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
		try (InputStream in = URI.create(baseUrl(server) + "/models").toURL().openStream()) {
			in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.resetAll();
	}

	int status() {
		return this.status;
	}

	/**
	 * Answer every request with this fault.
	 * @param server the WireMock server
	 * @param stream whether to shape a 200 as an SSE stream
	 */
	void stubOn(WireMockExtension server, boolean stream) {
		boolean sse = stream && this.status == 200;
		String type = (this.contentType != null) ? this.contentType : sse ? "text/event-stream" : "application/json";
		ResponseDefinitionBuilder response = aResponse().withStatus(this.status)
			.withHeader("Content-type", type)
			.withBody(sse ? this.streamBody : this.jsonBody);
		if (this.statusMessage != null) {
			response.withStatusMessage(this.statusMessage);
		}
		server.stubFor(any(anyUrl()).willReturn(response));
	}

}

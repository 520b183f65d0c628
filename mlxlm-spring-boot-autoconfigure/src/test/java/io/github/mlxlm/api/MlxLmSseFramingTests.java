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

package io.github.mlxlm.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MlxLmSseFraming}.
 */
class MlxLmSseFramingTests {

	static final String STREAM = ": keepalive 0/14\n\ndata: {\"a\": 1}\n\n: keepalive 14/14\n\ndata: {\"b\": \" two\"}\n\n"
			+ "data: [DONE]\n\n";

	private static List<String> frame(String stream, int pieceSize) {
		MlxLmSseFraming framing = new MlxLmSseFraming();
		List<String> events = new ArrayList<>();
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		for (int start = 0; start < bytes.length; start += pieceSize) {
			int end = Math.min(bytes.length, start + pieceSize);
			DataBuffer buffer = DefaultDataBufferFactory.sharedInstance
				.wrap(java.util.Arrays.copyOfRange(bytes, start, end));
			framing.feed(buffer).forEach((event) -> events.add(new String(event, StandardCharsets.UTF_8)));
		}
		framing.finish().forEach((event) -> events.add(new String(event, StandardCharsets.UTF_8)));
		return events;
	}

	@Test
	void dataOfEachEventWithCommentsSkipped() {
		assertThat(frame(STREAM, 4096)).containsExactly("{\"a\": 1}", "{\"b\": \" two\"}", "[DONE]");
	}

	@Test
	void buffersMayEndAnywhere() {
		for (int size = 1; size < 12; size++) {
			assertThat(frame(STREAM, size)).as("pieces of %d bytes", size)
				.containsExactly("{\"a\": 1}", "{\"b\": \" two\"}", "[DONE]");
		}
	}

	@Test
	void crLfLineEndsAreAccepted() {
		assertThat(frame("data: x\r\n\r\ndata: y\r\n\r\n", 3)).containsExactly("x", "y");
	}

	@Test
	void dataLinesOfOneEventAreJoinedWithNewLines() {
		assertThat(frame("data: one\ndata:two\n\n", 5)).containsExactly("one\ntwo");
	}

	@Test
	void onlyOneSpaceAfterTheColonIsDropped() {
		assertThat(frame("data:  indented\n\n", 64)).containsExactly(" indented");
	}

	@Test
	void otherFieldsAreIgnored() {
		assertThat(frame("event: message\nid: 7\nretry: 10\ndata: x\n\n", 64)).containsExactly("x");
	}

	@Test
	void anEventCutOffByTheEndOfTheStreamIsStillHandedOver() {
		assertThat(frame("data: {\"a\": 1}\n\ndata: {\"id\": \"x\", \"cho", 7)).containsExactly("{\"a\": 1}",
				"{\"id\": \"x\", \"cho");
	}

	@Test
	void multiByteCharactersSplitAcrossBuffersStayWhole() {
		assertThat(frame("data: {\"t\": \"café 😀\"}\n\n", 1)).containsExactly("{\"t\": \"café 😀\"}");
	}

}

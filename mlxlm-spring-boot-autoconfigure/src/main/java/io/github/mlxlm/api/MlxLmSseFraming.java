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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Cuts a server-sent event stream, as it arrives in buffers, into the {@code data} of its
 * events; comments (such as mlx_lm.server's {@code : keepalive 3/14}) and other fields
 * are skipped. Hand-written rather than Spring's {@code ServerSentEventHttpMessageReader}
 * because that reader decodes every line into a {@code String} and every event into a
 * {@code ServerSentEvent} before the payload is parsed again as JSON: here each payload
 * stays bytes, handed to Jackson as they are, which is most of a stream's cost on the
 * client.
 * <p>
 * Lines end with {@code \n} or {@code \r\n}; an event ends with an empty line; several
 * {@code data} lines are joined with {@code \n}, and one space after {@code data:} is
 * dropped, as the SSE specification says. An event cut off by the end of the stream is
 * still handed over (by {@link #finish()}), so that a truncated payload is reported as
 * unreadable instead of vanishing. One instance per stream; not thread-safe.
 *
 * @author mlxlm developers
 */
final class MlxLmSseFraming {

	private static final byte[] DATA = { 'd', 'a', 't', 'a' };

	private byte[] line = new byte[512];

	private int lineLength;

	private byte[] data = new byte[1024];

	private int dataLength;

	private boolean hasData;

	/**
	 * Take the next buffer of the stream, and release it.
	 * @param buffer the buffer
	 * @return the data of the events it completed, in order
	 */
	List<byte[]> feed(DataBuffer buffer) {
		byte[] bytes;
		try {
			bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		List<byte[]> events = null;
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				appendToLine(bytes, start, i - start);
				start = i + 1;
				byte[] event = endLine();
				if (event != null) {
					if (events == null) {
						events = new ArrayList<>(4);
					}
					events.add(event);
				}
			}
		}
		appendToLine(bytes, start, bytes.length - start);
		return (events != null) ? events : List.of();
	}

	/**
	 * End the stream.
	 * @return the data of an event the end of the stream cut off, if any
	 */
	List<byte[]> finish() {
		if (this.lineLength > 0) {
			endLine();
		}
		if (this.hasData) {
			byte[] event = Arrays.copyOf(this.data, this.dataLength);
			this.hasData = false;
			this.dataLength = 0;
			return List.of(event);
		}
		return List.of();
	}

	private byte @Nullable [] endLine() {
		int length = this.lineLength;
		if (length > 0 && this.line[length - 1] == '\r') {
			length--;
		}
		this.lineLength = 0;
		if (length == 0) {
			if (!this.hasData) {
				return null;
			}
			byte[] event = Arrays.copyOf(this.data, this.dataLength);
			this.hasData = false;
			this.dataLength = 0;
			return event;
		}
		if (this.line[0] == ':' || !isData(length)) {
			return null;
		}
		int from = DATA.length;
		if (from < length && this.line[from] == ':') {
			from++;
			if (from < length && this.line[from] == ' ') {
				from++;
			}
		}
		if (this.hasData) {
			appendToData(new byte[] { '\n' }, 0, 1);
		}
		appendToData(this.line, from, length - from);
		this.hasData = true;
		return null;
	}

	private boolean isData(int length) {
		if (length < DATA.length) {
			return false;
		}
		for (int i = 0; i < DATA.length; i++) {
			if (this.line[i] != DATA[i]) {
				return false;
			}
		}
		return length == DATA.length || this.line[DATA.length] == ':';
	}

	private void appendToLine(byte[] source, int offset, int length) {
		if (length <= 0) {
			return;
		}
		if (this.lineLength + length > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.lineLength + length));
		}
		System.arraycopy(source, offset, this.line, this.lineLength, length);
		this.lineLength += length;
	}

	private void appendToData(byte[] source, int offset, int length) {
		if (this.dataLength + length > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(this.data.length * 2, this.dataLength + length));
		}
		System.arraycopy(source, offset, this.data, this.dataLength, length);
		this.dataLength += length;
	}

}

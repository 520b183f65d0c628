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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * JSON the way Python's {@code json} module reads and writes it.
 * <p>
 * Hand-written on purpose: the server's 400 reply quotes Python's decoder message
 * ({@code Expecting value: line 1 column 15 (char 14)}), its type checks tell an int
 * literal from a float literal ({@code 0} versus {@code 0.0}), and its output uses
 * {@code json.dumps} spacing and ASCII escaping. No Java library does all three, and the
 * runnable jar must stay dependency-free.
 * <p>
 * Reading yields {@link LinkedHashMap} for objects, {@link List} for arrays,
 * {@link String}, {@link Boolean}, {@link Long} or {@link BigInteger} for int literals,
 * {@link Double} for float literals and {@link #NULL} for {@code null}.
 *
 * @author mlxlm developers
 */
final class PyJson {

	/* Marker for a JSON {@code null} in parsed documents. */
	static final Object NULL = new Object() {
		@Override
		public String toString() {
			return "null";
		}
	};

	private PyJson() {
	}

	/*
	 * Parses like {@code json.loads(text)}.
	 *
	 * @param text the document
	 *
	 * @return the value
	 *
	 * @throws DecodeException with Python's message when the text is not JSON
	 */
	static Object parse(String text) {
		int[] s = text.codePoints().toArray();
		if (s.length > 0 && s[0] == 0xFEFF) {
			throw new DecodeException("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0);
		}
		Reader r = new Reader(s);
		int idx = r.skipWs(0);
		Object value;
		try {
			value = r.scanOnce(idx);
		}
		catch (StopIteration ex) {
			throw new DecodeException("Expecting value", s, ex.pos);
		}
		int end = r.skipWs(r.next);
		if (end != s.length) {
			throw new DecodeException("Extra data", s, end);
		}
		return value;
	}

	/*
	 * Writes like {@code json.dumps(value)}: {@code ", "} and {@code ": "} separators,
	 * non-ASCII escaped as {@code \}{@code uXXXX}.
	 *
	 * @param value maps, lists, strings, numbers, booleans, {@code null} or {@link #NULL}
	 *
	 * @return the JSON text
	 */
	static String write(@Nullable Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, true);
		return sb.toString();
	}

	/*
	 * Writes like {@code json.dumps(value, ensure_ascii=False)}, as mlx-lm does for
	 * tool-call arguments.
	 *
	 * @param value the value
	 *
	 * @return the JSON text
	 */
	static String writeUnicode(@Nullable Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, false);
		return sb.toString();
	}

	private static void write(StringBuilder sb, @Nullable Object value, boolean ascii) {
		if (value == null || value == NULL) {
			sb.append("null");
		}
		else if (value instanceof String str) {
			writeString(sb, str, ascii);
		}
		else if (value instanceof Boolean b) {
			sb.append(b ? "true" : "false");
		}
		else if (value instanceof Double || value instanceof Float) {
			sb.append(pyFloat(((Number) value).doubleValue()));
		}
		else if (value instanceof Number n) {
			sb.append(n.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			sb.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : map.entrySet()) {
				if (!first) {
					sb.append(", ");
				}
				first = false;
				writeString(sb, String.valueOf(e.getKey()), ascii);
				sb.append(": ");
				write(sb, e.getValue(), ascii);
			}
			sb.append('}');
		}
		else if (value instanceof List<?> list) {
			sb.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					sb.append(", ");
				}
				write(sb, list.get(i), ascii);
			}
			sb.append(']');
		}
		else {
			writeString(sb, value.toString(), ascii);
		}
	}

	private static void writeString(StringBuilder sb, String str, boolean ascii) {
		sb.append('"');
		for (int i = 0; i < str.length(); i++) {
			char c = str.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				case '\b' -> sb.append("\\b");
				case '\f' -> sb.append("\\f");
				default -> {
					if (c < 0x20 || (ascii && c > 0x7e)) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		sb.append('"');
	}

	/*
	 * Python's {@code repr(float)}: {@code 1.0}, {@code 1e-05}, {@code 1e+16}, {@code
	 * NaN}.
	 */
	static String pyFloat(double d) {
		if (Double.isNaN(d)) {
			return "NaN";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "Infinity" : "-Infinity";
		}
		String java = Double.toString(d);
		int e = java.indexOf('E');
		if (e < 0) {
			return java;
		}
		String mantissa = java.substring(0, e);
		int exp = Integer.parseInt(java.substring(e + 1));
		if (mantissa.endsWith(".0")) {
			mantissa = mantissa.substring(0, mantissa.length() - 2);
		}
		if (exp >= -4 && exp < 16) {
			String plain = new java.math.BigDecimal(java).stripTrailingZeros().toPlainString();
			return (plain.contains(".")) ? plain : plain + ".0";
		}
		return mantissa + "e" + ((exp < 0) ? "-" : "+") + ((Math.abs(exp) < 10) ? "0" : "") + Math.abs(exp);
	}

	/* Python's {@code json.JSONDecodeError}, with the same message text. */
	public static final class DecodeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DecodeException(String msg, int[] doc, int pos) {
			super(format(msg, doc, pos));
		}

		private static String format(String msg, int[] doc, int pos) {
			int line = 1;
			int lastNewline = -1;
			for (int i = 0; i < pos && i < doc.length; i++) {
				if (doc[i] == '\n') {
					line++;
					lastNewline = i;
				}
			}
			return msg + ": line " + line + " column " + (pos - lastNewline) + " (char " + pos + ")";
		}

	}

	/**
	 * Signals "no value here" like the C scanner's StopIteration; turned into "Expecting
	 * value".
	 */
	private static final class StopIteration extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final int pos;

		StopIteration(int pos) {
			super(null, null, false, false);
			this.pos = pos;
		}

	}

	private static final class Reader {

		private final int[] s;

		int next;

		Reader(int[] s) {
			this.s = s;
		}

		int skipWs(int idx) {
			while (idx < this.s.length
					&& (this.s[idx] == ' ' || this.s[idx] == '\t' || this.s[idx] == '\n' || this.s[idx] == '\r')) {
				idx++;
			}
			return idx;
		}

		private boolean matches(int idx, String word) {
			if (idx + word.length() > this.s.length) {
				return false;
			}
			for (int i = 0; i < word.length(); i++) {
				if (this.s[idx + i] != word.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		Object scanOnce(int idx) {
			if (idx >= this.s.length) {
				throw new StopIteration(idx);
			}
			int c = this.s[idx];
			switch (c) {
				case '"':
					return scanString(idx + 1);
				case '{':
					return parseObject(idx + 1);
				case '[':
					return parseArray(idx + 1);
				case 'n':
					if (matches(idx, "null")) {
						this.next = idx + 4;
						return NULL;
					}
					break;
				case 't':
					if (matches(idx, "true")) {
						this.next = idx + 4;
						return Boolean.TRUE;
					}
					break;
				case 'f':
					if (matches(idx, "false")) {
						this.next = idx + 5;
						return Boolean.FALSE;
					}
					break;
				case 'N':
					if (matches(idx, "NaN")) {
						this.next = idx + 3;
						return Double.NaN;
					}
					break;
				case 'I':
					if (matches(idx, "Infinity")) {
						this.next = idx + 8;
						return Double.POSITIVE_INFINITY;
					}
					break;
				case '-':
					if (matches(idx, "-Infinity")) {
						this.next = idx + 9;
						return Double.NEGATIVE_INFINITY;
					}
					break;
				default:
					break;
			}
			return matchNumber(idx);
		}

		private boolean digit(int idx) {
			return idx < this.s.length && this.s[idx] >= '0' && this.s[idx] <= '9';
		}

		private Object matchNumber(int start) {
			int idx = start;
			if (idx < this.s.length && this.s[idx] == '-') {
				idx++;
			}
			if (digit(idx) && this.s[idx] != '0') {
				while (digit(idx)) {
					idx++;
				}
			}
			else if (digit(idx)) {
				idx++;
			}
			else {
				throw new StopIteration(start);
			}
			boolean isFloat = false;
			if (idx < this.s.length - 1 && this.s[idx] == '.' && digit(idx + 1)) {
				isFloat = true;
				idx += 2;
				while (digit(idx)) {
					idx++;
				}
			}
			if (idx < this.s.length - 1 && (this.s[idx] == 'e' || this.s[idx] == 'E')) {
				int e = idx + 1;
				if (e < this.s.length - 1 && (this.s[e] == '-' || this.s[e] == '+')) {
					e++;
				}
				if (digit(e)) {
					while (digit(e)) {
						e++;
					}
					isFloat = true;
					idx = e;
				}
			}
			String literal = new String(this.s, start, idx - start);
			this.next = idx;
			if (isFloat) {
				return Double.parseDouble(literal);
			}
			BigInteger big = new BigInteger(literal);
			return (big.bitLength() < 64) ? (Object) big.longValue() : big;
		}

		private Map<String, Object> parseObject(int idx) {
			Map<String, Object> map = new LinkedHashMap<>();
			idx = skipWs(idx);
			if (idx >= this.s.length || this.s[idx] != '}') {
				while (true) {
					if (idx >= this.s.length || this.s[idx] != '"') {
						throw new DecodeException("Expecting property name enclosed in double quotes", this.s, idx);
					}
					String key = scanString(idx + 1);
					idx = skipWs(this.next);
					if (idx >= this.s.length || this.s[idx] != ':') {
						throw new DecodeException("Expecting ':' delimiter", this.s, idx);
					}
					idx = skipWs(idx + 1);
					Object value = scanOnce(idx);
					map.put(key, value);
					idx = skipWs(this.next);
					if (idx < this.s.length && this.s[idx] == '}') {
						break;
					}
					if (idx >= this.s.length || this.s[idx] != ',') {
						throw new DecodeException("Expecting ',' delimiter", this.s, idx);
					}
					idx = skipWs(idx + 1);
				}
			}
			this.next = idx + 1;
			return map;
		}

		private List<Object> parseArray(int idx) {
			List<Object> list = new ArrayList<>();
			idx = skipWs(idx);
			if (idx >= this.s.length || this.s[idx] != ']') {
				while (true) {
					list.add(scanOnce(idx));
					idx = skipWs(this.next);
					if (idx < this.s.length && this.s[idx] == ']') {
						break;
					}
					if (idx >= this.s.length || this.s[idx] != ',') {
						throw new DecodeException("Expecting ',' delimiter", this.s, idx);
					}
					idx = skipWs(idx + 1);
				}
			}
			this.next = idx + 1;
			return list;
		}

		/*
		 * Mirrors CPython's {@code scanstring_unicode} (strict mode), error positions
		 * included.
		 */
		private String scanString(int end) {
			int begin = end - 1;
			StringBuilder out = new StringBuilder();
			while (true) {
				int c = 0;
				int nxt = end;
				for (; nxt < this.s.length; nxt++) {
					c = this.s[nxt];
					if (c == '"' || c == '\\') {
						break;
					}
					if (c <= 0x1f) {
						throw new DecodeException("Invalid control character at", this.s, nxt);
					}
				}
				if (nxt >= this.s.length || !(c == '"' || c == '\\')) {
					throw new DecodeException("Unterminated string starting at", this.s, begin);
				}
				for (int i = end; i < nxt; i++) {
					out.appendCodePoint(this.s[i]);
				}
				nxt++;
				if (c == '"') {
					end = nxt;
					break;
				}
				if (nxt == this.s.length) {
					throw new DecodeException("Unterminated string starting at", this.s, begin);
				}
				c = this.s[nxt];
				if (c != 'u') {
					end = nxt + 1;
					switch (c) {
						case '"', '\\', '/' -> {
						}
						case 'b' -> c = '\b';
						case 'f' -> c = '\f';
						case 'n' -> c = '\n';
						case 'r' -> c = '\r';
						case 't' -> c = '\t';
						default -> c = 0;
					}
					if (c == 0) {
						throw new DecodeException("Invalid \\escape", this.s, end - 2);
					}
				}
				else {
					nxt++;
					end = nxt + 4;
					if (end >= this.s.length) {
						throw new DecodeException("Invalid \\uXXXX escape", this.s, nxt - 1);
					}
					c = hex4(nxt, end);
					nxt = end;
					if (c >= 0xD800 && c <= 0xDBFF && end + 6 < this.s.length && this.s[nxt] == '\\'
							&& this.s[nxt + 1] == 'u') {
						int c2 = hex4(nxt + 2, end + 6);
						if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
							c = Character.toCodePoint((char) c, (char) c2);
							end += 6;
						}
					}
				}
				out.appendCodePoint(c);
			}
			this.next = end;
			return out.toString();
		}

		private int hex4(int from, int end) {
			int c = 0;
			for (int i = from; i < end; i++) {
				int ch = this.s[i];
				int d = (ch >= '0' && ch <= '9') ? ch - '0'
						: (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10 : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10 : -1;
				if (d < 0) {
					throw new DecodeException("Invalid \\uXXXX escape", this.s, end - 5);
				}
				c = (c << 4) | d;
			}
			return c;
		}

	}

}

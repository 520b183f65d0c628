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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages and results checked against CPython 3.11's {@code json} module. */
class PyJsonTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "``|Expecting value: line 1 column 1 (char 0)",
					"`{\"a\": }`|Expecting value: line 1 column 7 (char 6)",
					"`{\"a\" 1}`|Expecting ':' delimiter: line 1 column 6 (char 5)",
					"`{\"a\": 1 \"b\": 2}`|Expecting ',' delimiter: line 1 column 9 (char 8)",
					"`{\"a\": 1,}`|Expecting property name enclosed in double quotes: line 1 column 9 (char 8)",
					"`{'a': 1}`|Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
					"`[1, 2,]`|Expecting value: line 1 column 7 (char 6)",
					"`[1 2]`|Expecting ',' delimiter: line 1 column 4 (char 3)",
					"`{\"a\": 1} x`|Extra data: line 1 column 10 (char 9)", "`01`|Extra data: line 1 column 2 (char 1)",
					"`\"abc`|Unterminated string starting at: line 1 column 1 (char 0)",
					"`\"a\\qb\"`|Invalid \\escape: line 1 column 3 (char 2)",
					"`\"\\u12G4\"`|Invalid \\uXXXX escape: line 1 column 3 (char 2)",
					"`-`|Expecting value: line 1 column 1 (char 0)",
					"`{\n  \"a\": tru\n}`|Expecting value: line 2 column 8 (char 9)",
					"`nul`|Expecting value: line 1 column 1 (char 0)",
					"`{\"\u00e9\": x}`|Expecting value: line 1 column 7 (char 6)" })
	void decodeErrorsUsePythonsMessages(String json, String message) {
		assertThatThrownBy(() -> PyJson.parse(json)).isInstanceOf(PyJson.DecodeException.class).hasMessage(message);
	}

	@Test
	void controlCharacterInStringIsRejected() {
		assertThatThrownBy(() -> PyJson.parse("\"a\tb\""))
			.hasMessage("Invalid control character at: line 1 column 3 (char 2)");
	}

	@Test
	void intAndFloatLiteralsStayDistinct() {
		Object parsed = PyJson
			.parse("{\"i\": 0, \"f\": 0.0, \"e\": 1e3, \"big\": 123456789012345678901234567890, \"neg\": -5}");
		assertThat(parsed).isEqualTo(Map.of("i", 0L, "f", 0.0, "e", 1000.0, "big",
				new BigInteger("123456789012345678901234567890"), "neg", -5L));
	}

	@Test
	@SuppressWarnings("unchecked")
	void parsesEscapesSurrogatePairsAndLiterals() {
		assertThat((List<Object>) PyJson.parse("[\"\\u00e9\\ud83d\\ude00\\n\", true, false, null, NaN]"))
			.containsExactly("\u00e9\uD83D\uDE00\n", true, false, PyJson.NULL, Double.NaN);
	}

	@Test
	void objectsKeepKeyOrder() {
		assertThat(List.copyOf(((Map<?, ?>) PyJson.parse("{\"z\": 1, \"a\": 2, \"m\": 3}")).keySet()))
			.isEqualTo(List.of("z", "a", "m"));
	}

	@Test
	void byteOrderMarkIsRejectedLikePython() {
		assertThatThrownBy(() -> PyJson.parse("\uFEFF{}"))
			.hasMessage("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
	}

	@Test
	void writesWithPythonSeparatorsAndAsciiEscapes() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", "caf\u00e9 \uD83D\uDE00 \"q\" \\ \n\u0001\u007f");
		map.put("a", List.of(1L, 2.5, true));
		map.put("n", null);
		assertThat(PyJson.write(map)).isEqualTo(
				"{\"b\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\u0001\\u007f\", \"a\": [1, 2.5, true], \"n\": null}");
	}

	@Test
	void writeUnicodeKeepsNonAscii() {
		assertThat(PyJson.writeUnicode(Map.of("city", "Troms\u00f8"))).isEqualTo("{\"city\": \"Troms\u00f8\"}");
	}

	@ParameterizedTest
	@CsvSource({ "1.0,1.0", "0.1,0.1", "0.00001,1e-05", "1e16,1e+16", "12345678.5,12345678.5", "0.0001,0.0001" })
	void floatsAreWrittenLikePythonRepr(double value, String expected) {
		assertThat(PyJson.pyFloat(value)).isEqualTo(expected);
	}

}

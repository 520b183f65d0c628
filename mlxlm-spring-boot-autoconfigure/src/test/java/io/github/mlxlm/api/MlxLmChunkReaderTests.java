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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MlxLmChunkReader}: it reads what binding the records reads, and
 * refuses what binding refuses.
 */
class MlxLmChunkReaderTests {

	private final JsonMapper jsonMapper = MlxLmApi.newJsonMapper();

	private final MlxLmChunkReader reader = new MlxLmChunkReader(this.jsonMapper);

	private MlxLmApi.Completion read(String json) {
		return this.reader.read(json.getBytes(StandardCharsets.UTF_8), "mac-1:8080");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"id\": \"chatcmpl-1\", \"system_fingerprint\": \"0.32.0-0.32.1-macOS\", \"object\": \"chat.completion.chunk\", \"model\": \"default_model\", \"created\": 1766400000, \"choices\": [{\"index\": 0, \"finish_reason\": null, \"delta\": {\"role\": \"assistant\", \"content\": \" is\"}}]}",
			"{\"id\": \"c\", \"choices\": [{\"index\": 0, \"finish_reason\": null, \"delta\": {\"role\": \"assistant\", \"content\": \"\", \"reasoning\": \"Let \\u00e9 \\ud83d\\ude00\"}}]}",
			"{\"id\": \"c\", \"choices\": [{\"index\": 0, \"finish_reason\": \"tool_calls\", \"delta\": {\"role\": \"assistant\", \"tool_calls\": [{\"index\": 0, \"id\": \"0b6f\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}}]}}]}",
			"{\"id\": \"c\", \"object\": \"chat.completion\", \"choices\": [], \"usage\": {\"prompt_tokens\": 14, \"completion_tokens\": 6, \"total_tokens\": 20, \"prompt_tokens_details\": {\"cached_tokens\": 8}}}",
			"{\"id\": \"c\", \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": null}, \"logprobs\": {\"content\": [{\"id\": 1, \"logprob\": -0.5}]}}]}",
			"{\"id\": \"cmpl-1\", \"object\": \"text_completion\", \"choices\": [{\"index\": 0, \"finish_reason\": \"length\", \"text\": \" blue.\"}], \"unknown\": {\"nested\": [1, 2]}}" })
	void readsWhatBindingTheRecordsReads(String json) {
		MlxLmApi.Completion bound = this.jsonMapper.readValue(json, MlxLmApi.Completion.class).withServer("mac-1:8080");
		assertThat(read(json)).isEqualTo(bound);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "[1]", "{\"id\": 5}", "{\"choices\": {}}", "{\"choices\": [{\"delta\": {\"content\": 42}}]}",
					"{\"created\": \"now\"}", "{\"id\": \"c\"} trailing", "{\"id\": \"c\", \"cho" })
	void refusesWhatIsNotACompletion(String json) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(json));
	}

}

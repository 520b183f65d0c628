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

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSemanticsTests {

	static final String MODEL = "mlx-community/Qwen3-4B-Instruct-2507-4bit";

	static final String OTHER = "mlx-community/gemma-3-1b-it-4bit";

	final MlxLmSimulator sim = MlxLmSimulator.builder().model(MODEL).huggingFaceCache(MODEL, OTHER).start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	private Raw.Reply chat(String modelField) throws IOException {
		return Raw.post(this.sim.port(), "/v1/chat/completions",
				"{" + modelField + "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
	}

	@Test
	void omittedModelUsesTheResidentModelAndEchoesDefaultModel() throws IOException {
		assertThat(chat("").body()).contains("\"model\": \"default_model\"");
		assertThat(this.sim.loads()).isEmpty();
	}

	@Test
	void defaultModelAndTheExactStartupIdCauseNoLoad() throws IOException {
		assertThat(chat("\"model\": \"default_model\", ").body()).contains("\"model\": \"default_model\"");
		assertThat(chat("\"model\": \"" + MODEL + "\", ").body()).contains("\"model\": \"" + MODEL + "\"");
		assertThat(this.sim.loads()).isEmpty();
		assertThat(this.sim.residentModel()).contains(MODEL);
	}

	@Test
	void anotherCachedIdIsLoadedAndEvictsTheResidentModel() throws IOException {
		assertThat(chat("\"model\": \"" + OTHER + "\", ").body()).contains("\"model\": \"" + OTHER + "\"");
		assertThat(this.sim.loads()).containsExactly(OTHER);
		assertThat(this.sim.residentModel()).contains(OTHER);
	}

	@Test
	void defaultModelAfterASwapReloadsTheStartupModel() throws IOException {
		chat("\"model\": \"" + OTHER + "\", ");
		chat("");
		assertThat(this.sim.loads()).containsExactly(OTHER, MODEL);
	}

	@Test
	void unknownIdAnswers404AndUnloadsTheResidentModel() throws IOException {
		Raw.Reply reply = chat("\"model\": \"someone/guessed-id\", ");
		assertThat(reply.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
		assertThat(reply.body()).startsWith("{\"error\": \"404 Client Error.")
			.contains(
					"Repository Not Found for url: https://huggingface.co/api/models/someone/guessed-id/revision/main.");
		assertThat(this.sim.residentModel()).isEmpty();
	}

	@Test
	void startedWithoutModelARequestWithoutModelGetsTheNoneTypeError() throws IOException {
		try (MlxLmSimulator bare = MlxLmSimulator.builder().start()) {
			assertThat(Raw.postRaw(bare.port(), "/v1/chat/completions",
					"{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))
				.endsWith("\r\n\r\n{\"error\": \"expected str, bytes or os.PathLike object, not NoneType\"}")
				.startsWith("HTTP/1.0 404 Not Found\r\n");
		}
	}

	@Test
	void startedWithoutModelTheModelsListIsEmpty() throws IOException {
		try (MlxLmSimulator bare = MlxLmSimulator.builder().start()) {
			assertThat(Raw.get(bare.port(), "/v1/models").body()).isEqualTo("{\"object\": \"list\", \"data\": []}");
		}
	}

	@Test
	void shuffledModelsListsEveryCacheEntry() throws IOException {
		try (MlxLmSimulator shuffled = MlxLmSimulator.builder()
			.model(MODEL)
			.huggingFaceCache("a/1", "a/2", "a/3", "a/4")
			.shuffleModels(true)
			.start()) {
			String body = Raw.get(shuffled.port(), "/v1/models").body();
			assertThat(body).contains("\"a/1\"", "\"a/2\"", "\"a/3\"", "\"a/4\"");
		}
	}

}

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

package io.github.mlxlm.sample.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code java} block of the README is code that compiles and runs: it must be, line
 * for line (leading indentation aside), a region of the sources in this package, marked
 * {@code // tag::name[]} and {@code // end::name[]}. Change the source, then copy the
 * region into the README.
 */
class ReadmeSnippetsTests {

	static final Path README = Path.of("..", "README.md");

	static final Path SOURCES = Path.of("src", "test", "java", "io", "github", "mlxlm", "sample", "readme");

	private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");

	private static final Pattern END = Pattern.compile("^\\s*// end::([\\w-]+)\\[]\\s*$");

	@Test
	void everyJavaBlockOfTheReadmeIsARegionOfTheSources() throws IOException {
		List<List<String>> blocks = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
		Map<String, List<String>> regions = regions();
		assertThat(blocks).as("java blocks in %s", README).isNotEmpty();
		for (List<String> block : blocks) {
			assertThat(regions.values())
				.as("a region of %s equal to this README block:%n%s", SOURCES, String.join("\n", block))
				.contains(block);
		}
	}

	@Test
	void everyRegionOfTheSourcesIsInTheReadme() throws IOException {
		List<List<String>> blocks = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
		regions()
			.forEach((name, region) -> assertThat(blocks).as("README block for region '%s'", name).contains(region));
	}

	@Test
	void readmeKeepsTheCommandThatCiRuns() throws IOException {
		// .ci/run runs the README's test command, and says so; keep them the same.
		assertThat(Files.readString(README, StandardCharsets.UTF_8)).contains("./mvnw -B verify");
		assertThat(Files.readString(Path.of("..", ".ci", "run"), StandardCharsets.UTF_8)).contains("./mvnw -B verify");
	}

	static List<List<String>> javaBlocks(List<String> lines) {
		List<List<String>> blocks = new ArrayList<>();
		List<String> block = null;
		for (String line : lines) {
			if (block == null && line.strip().equals("```java")) {
				block = new ArrayList<>();
			}
			else if (block != null && line.strip().equals("```")) {
				blocks.add(normalized(block));
				block = null;
			}
			else if (block != null) {
				block.add(line);
			}
		}
		assertThat(block).as("an unclosed java block in %s", README).isNull();
		return blocks;
	}

	static Map<String, List<String>> regions() throws IOException {
		Map<String, List<String>> regions = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
				String name = null;
				List<String> region = null;
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					Matcher tag = TAG.matcher(line);
					Matcher end = END.matcher(line);
					if (tag.matches()) {
						name = tag.group(1);
						region = new ArrayList<>();
					}
					else if (end.matches()) {
						assertThat(end.group(1)).as("end of region in %s", file).isEqualTo(name);
						assertThat(regions.put(name, normalized(region))).as("region '%s' defined twice", name)
							.isNull();
						name = null;
						region = null;
					}
					else if (region != null) {
						region.add(line);
					}
				}
				assertThat(name).as("unclosed region in %s", file).isNull();
			}
		}
		assertThat(regions).as("regions in %s", SOURCES).isNotEmpty();
		return regions;
	}

	/**
	 * The lines without their leading indentation and trailing spaces, and without blank
	 * lines at either end.
	 */
	static List<String> normalized(List<String> lines) {
		List<String> stripped = new ArrayList<>(lines.stream().map(String::strip).toList());
		while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
			stripped.remove(0);
		}
		while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
			stripped.remove(stripped.size() - 1);
		}
		return stripped;
	}

}

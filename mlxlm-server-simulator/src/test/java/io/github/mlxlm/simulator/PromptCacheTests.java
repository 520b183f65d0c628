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

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lookup and eviction rules of the server's {@code LRUPromptCache}. */
class PromptCacheTests {

	static List<String> tokens(String letters) {
		return List.of(letters.split(""));
	}

	@Test
	void emptyCacheServesNothing() {
		assertThat(new PromptCache(10).lookup("m", tokens("abc"))).isZero();
	}

	@Test
	void entryEqualToThePromptServesAllOfIt() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("abcd"));
		assertThat(cache.lookup("m", tokens("abcd"))).isEqualTo(4);
	}

	@Test
	void entryThatIsAPrefixOfThePromptServesItsLength() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("abc"));
		assertThat(cache.lookup("m", tokens("abcxyz"))).isEqualTo(3);
	}

	@Test
	void longerEntryIsTrimmedAndTheLastPromptTokenIsProcessedAgain() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("abcdef"));
		assertThat(cache.lookup("m", tokens("abcd"))).isEqualTo(3);
		assertThat(cache.lookup("m", tokens("abxy"))).isEqualTo(2);
	}

	@Test
	void longestCommonPrefixWins() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("abxx"));
		cache.insert("m", tokens("abcdxx"));
		assertThat(cache.lookup("m", tokens("abcdyy"))).isEqualTo(4);
	}

	@Test
	void entriesArePerModel() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("abcd"));
		assertThat(cache.lookup("other", tokens("abcd"))).isZero();
	}

	@Test
	void oldestInsertionIsEvictedBeyondTheSizeEvenIfLookedUpLately() {
		PromptCache cache = new PromptCache(2);
		cache.insert("m", tokens("aaaa"));
		cache.insert("m", tokens("bbbb"));
		cache.lookup("m", tokens("aaaa"));
		cache.insert("m", tokens("cccc"));
		assertThat(cache.lookup("m", tokens("aaaa"))).isZero();
		assertThat(cache.lookup("m", tokens("bbbb"))).isEqualTo(4);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void sizeCountsEntriesOfAllModels() {
		PromptCache cache = new PromptCache(1);
		cache.insert("m", tokens("aaaa"));
		cache.insert("n", tokens("aaaa"));
		assertThat(cache.lookup("m", tokens("aaaa"))).isZero();
	}

	@Test
	void insertingAnExtensionDropsItsPrefixes() {
		PromptCache cache = new PromptCache(10);
		cache.insert("m", tokens("ab"));
		cache.insert("m", tokens("abc"));
		cache.insert("m", tokens("abcd"));
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void reinsertingMakesAnEntryTheNewest() {
		PromptCache cache = new PromptCache(2);
		cache.insert("m", tokens("aaaa"));
		cache.insert("m", tokens("bbbb"));
		cache.insert("m", tokens("aaaa"));
		cache.insert("m", tokens("cccc"));
		assertThat(cache.lookup("m", tokens("aaaa"))).isEqualTo(4);
		assertThat(cache.lookup("m", tokens("bbbb"))).isZero();
	}

	@Test
	void sizeZeroCachesNothing() {
		PromptCache cache = new PromptCache(0);
		cache.insert("m", tokens("abcd"));
		assertThat(cache.lookup("m", tokens("abcd"))).isZero();
	}

}

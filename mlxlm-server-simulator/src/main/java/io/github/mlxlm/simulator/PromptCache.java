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

import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The server's {@code LRUPromptCache} for the simulator's string tokens: up to
 * {@code --prompt-cache-size} token sequences over all models, each the prompt plus the
 * generated tokens of a finished generation. A request reuses the entry with the longest
 * common prefix.
 * <p>
 * The rules are those of {@code LRUPromptCache.fetch_nearest_cache} and
 * {@code insert_cache} for trimmable (KV) caches: an entry equal to the prompt serves all
 * of it; an entry that is a prefix of the prompt serves its length; an entry that runs
 * past the common prefix is trimmed, and then at least the last prompt token is processed
 * again. Inserting drops the entries that are prefixes of the new one. Eviction takes the
 * oldest insertion: a lookup does not refresh an entry.
 *
 * @author mlxlm developers
 */
final class PromptCache {

	private final LinkedList<Entry> entries = new LinkedList<>();

	private final int maxSize;

	/*
	 * @param maxSize the most entries kept ({@code --prompt-cache-size}); 0 keeps none
	 */
	PromptCache(int maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * How many leading tokens of this prompt the cache serves.
	 * @param model the resident model's key
	 * @param prompt the prompt tokens
	 * @return the cached token count, {@code usage.prompt_tokens_details.cached_tokens}
	 */
	synchronized int lookup(String model, List<String> prompt) {
		int prefixEntry = 0;
		int trimmed = 0;
		for (Entry entry : this.entries) {
			if (!entry.model().equals(model)) {
				continue;
			}
			int common = commonPrefix(entry.tokens(), prompt);
			if (common == entry.tokens().size()) {
				if (common == prompt.size()) {
					return common;
				}
				prefixEntry = Math.max(prefixEntry, common);
			}
			else {
				trimmed = Math.max(trimmed, common);
			}
		}
		if (trimmed > prefixEntry) {
			return Math.min(prompt.size() - 1, trimmed);
		}
		return prefixEntry;
	}

	/**
	 * Stores a finished generation's tokens.
	 * @param model the model's key
	 * @param tokens the prompt followed by the generated tokens
	 */
	synchronized void insert(String model, List<String> tokens) {
		List<String> copy = List.copyOf(tokens);
		Iterator<Entry> it = this.entries.iterator();
		while (it.hasNext()) {
			Entry entry = it.next();
			if (entry.model().equals(model) && entry.tokens().size() <= copy.size()
					&& commonPrefix(entry.tokens(), copy) == entry.tokens().size()) {
				it.remove(); // the same sequence, or a prefix of it that only takes space
			}
		}
		this.entries.addLast(new Entry(model, copy));
		while (this.entries.size() > this.maxSize) {
			this.entries.removeFirst();
		}
	}

	synchronized int size() {
		return this.entries.size();
	}

	synchronized void clear() {
		this.entries.clear();
	}

	private static int commonPrefix(List<String> a, List<String> b) {
		int n = Math.min(a.size(), b.size());
		int i = 0;
		while (i < n && a.get(i).equals(b.get(i))) {
			i++;
		}
		return i;
	}

	private record Entry(String model, List<String> tokens) {
	}

}

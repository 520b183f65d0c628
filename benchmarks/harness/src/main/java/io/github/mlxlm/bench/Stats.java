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

package io.github.mlxlm.bench;

import java.util.Arrays;
import java.util.List;

/* Medians and spread. */
final class Stats {

	private Stats() {
	}

	static double percentile(List<Double> values, double p) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		return (n == 0) ? Double.NaN : (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/*
	 * Half the inter-quartile range relative to the median, in percent: a robust spread.
	 */
	static double spreadPercent(List<Double> values) {
		double m = median(values);
		return (percentile(values, 75) - percentile(values, 25)) / 2 / m * 100;
	}

	static String min(List<Double> values) {
		return String
			.valueOf(Arrays.stream(values.stream().mapToDouble(Double::doubleValue).toArray()).min().orElse(0));
	}

}

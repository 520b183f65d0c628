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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child process: one contender, one concurrency level, in a fresh JVM so that its threads
 * and heap are the client's alone (the simulator runs in the parent). Prints one
 * {@code RESULT} line. Sampling the thread count and heap is a measurement, not a
 * synchronisation.
 *
 * @author mlxlm developers
 */
public final class ConcurrencyMain {

	private ConcurrencyMain() {
	}

	public static void main(String[] args) throws Exception {
		String key = args[0];
		String baseUrl = args[1];
		int streams = Integer.parseInt(args[2]);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		AtomicInteger peakThreads = new AtomicInteger();
		AtomicLong peakHeap = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
				peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "bench-sampler");
		sampler.setDaemon(true);
		sampler.start();
		Thread.sleep(50);
		int beforeClient = threads.getThreadCount();

		Contender contender = Contenders.create(key, baseUrl);
		int warmupFailures = 0;
		for (int i = 0; i < 3; i++) {
			try {
				contender.streamAndWait(Workload.MEDIUM_PROMPT, Workload.MEDIUM_MAX_TOKENS);
			}
			catch (Exception ex) {
				warmupFailures++;
			}
		}
		System.gc();
		Thread.sleep(300);
		int afterWarmup = threads.getThreadCount();
		long heapBase = memory.getHeapMemoryUsage().getUsed();
		peakThreads.set(0);
		peakHeap.set(0);

		CountDownLatch done = new CountDownLatch(streams);
		AtomicLong chunks = new AtomicLong();
		AtomicInteger errors = new AtomicInteger();
		AtomicReference<Throwable> firstError = new AtomicReference<>();
		long start = System.nanoTime();
		for (int i = 0; i < streams; i++) {
			contender.stream(Workload.MEDIUM_PROMPT, Workload.MEDIUM_MAX_TOKENS, new Contender.StreamListener() {
				@Override
				public void chunk(String text) {
					chunks.incrementAndGet();
				}

				@Override
				public void done() {
					done.countDown();
				}

				@Override
				public void error(Throwable error) {
					errors.incrementAndGet();
					firstError.compareAndSet(null, error);
					done.countDown();
				}
			});
		}
		long launched = System.nanoTime() - start;
		boolean finished = done.await(240, TimeUnit.SECONDS);
		long elapsed = System.nanoTime() - start;
		int peak = peakThreads.get();
		long heapPeak = peakHeap.get();
		Thread.sleep(5000);
		int lingering = threads.getThreadCount();
		double seconds = elapsed / 1e9;
		System.out.printf(java.util.Locale.ROOT,
				"RESULT streams=%d finished=%b errors=%d chunks=%d seconds=%.3f chunksPerSec=%.0f streamsPerSec=%.2f "
						+ "launchMs=%.1f threadsBeforeClient=%d threadsAfterWarmup=%d peakThreads=%d threadsAfter5s=%d "
						+ "heapBaseMb=%.1f heapPeakMb=%.1f warmupFailures=%d firstError=%s%n",
				streams, finished, errors.get(), chunks.get(), seconds, chunks.get() / seconds, streams / seconds,
				launched / 1e6, beforeClient, afterWarmup, peak, lingering, heapBase / 1048576.0, heapPeak / 1048576.0,
				warmupFailures, (firstError.get() == null) ? "-" : String.valueOf(firstError.get()).replace(' ', '_'));
		sampler.interrupt();
		contender.close();
		System.exit(0);
	}

}

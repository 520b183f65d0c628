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

package io.github.mlxlm.launcher;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One {@code mlx_lm.server} process started by the launcher.
 * <p>
 * With {@link LifecycleManagement#START_AND_STOP} the server runs under a small POSIX
 * shell watchdog, because a child process outlives its parent on macOS and Linux: the
 * watchdog holds the read end of a pipe whose only writer is this JVM, and when the pipe
 * closes (the JVM exited, was killed with {@code kill -9}, or {@link #stop()} closed it)
 * it sends the server SIGTERM, then SIGKILL after the stop timeout. No library does this
 * for an arbitrary command on both systems ({@code prctl(PR_SET_PDEATHSIG)} is Linux
 * only, and Java's {@link ProcessBuilder} has no such option), hence the shell.
 * <p>
 * With {@link LifecycleManagement#START_ONLY} the server is left running for the next
 * start: it ignores the terminal's SIGINT and SIGHUP, and writes its output to a log file
 * (a pipe to a JVM that has gone would break its next write), which the launcher follows
 * while the application runs.
 *
 * @author mlxlm developers
 */
final class MlxLmServerProcess {

	/**
	 * The watchdog: {@code sh -c WATCHDOG mlxlm-watchdog GRACE COMMAND...}, where GRACE
	 * is the stop timeout in tenths of a second.
	 */
	static final String WATCHDOG = """
			grace=$1; shift
			exec 3<&0 </dev/null
			"$@" &
			server=$!
			stop() {
			  trap '' TERM INT HUP
			  kill -TERM "$server" 2>/dev/null
			  i=0
			  while kill -0 "$server" 2>/dev/null; do
			    if [ "$i" -ge "$grace" ]; then kill -KILL "$server" 2>/dev/null; break; fi
			    sleep 0.1
			    i=$((i + 1))
			  done
			}
			trap 'stop; exit 143' TERM INT HUP
			(while read -r _ <&3; do :; done; kill -TERM $$ 2>/dev/null) &
			reader=$!
			wait "$server"
			code=$?
			kill "$reader" 2>/dev/null
			exit "$code"
			""";

	/** Runs the server immune to the terminal's signals, for start-only. */
	static final String DETACHED = "trap '' INT HUP; exec \"$@\"";

	private final Process process;

	private final List<String> commandLine;

	private final MlxLmServerOutput output;

	private final boolean watched;

	private final Duration stopTimeout;

	private volatile boolean following = true;

	private final Thread reader;

	private MlxLmServerProcess(Process process, List<String> commandLine, MlxLmServerOutput output, boolean watched,
			Duration stopTimeout, Path logFile) {
		this.process = process;
		this.commandLine = commandLine;
		this.output = output;
		this.watched = watched;
		this.stopTimeout = stopTimeout;
		this.reader = new Thread(() -> readOutput(logFile), "mlx_lm.server-output");
		this.reader.setDaemon(true);
	}

	/**
	 * Start a server.
	 * @param commandLine the server's command line
	 * @param environment variables to set for it
	 * @param workingDirectory its working directory, or {@code null} for this JVM's
	 * @param lifecycle whether it is stopped with the application
	 * @param stopTimeout time it has to end after SIGTERM
	 * @param logFile where a server left running writes its output
	 * @param output what reads its output
	 * @return the running process
	 */
	static MlxLmServerProcess start(List<String> commandLine, Map<String, String> environment,
			@Nullable File workingDirectory, LifecycleManagement lifecycle, Duration stopTimeout, Path logFile,
			MlxLmServerOutput output) {
		boolean watched = lifecycle.shouldStop();
		List<String> shell = new ArrayList<>(
				List.of("sh", "-c", watched ? WATCHDOG : DETACHED, watched ? "mlxlm-watchdog" : "mlx_lm.server"));
		if (watched) {
			shell.add(String.valueOf(Math.max(1, stopTimeout.toMillis() / 100)));
		}
		shell.addAll(commandLine);
		ProcessBuilder builder = new ProcessBuilder(shell).directory(workingDirectory).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("PYTHONUNBUFFERED", "1");
		if (!watched) {
			try {
				Files.createDirectories(logFile.getParent());
				Files.deleteIfExists(logFile);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write the server's log file " + logFile, ex);
			}
			builder.redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + String.join(" ", commandLine), ex);
		}
		MlxLmServerProcess server = new MlxLmServerProcess(process, commandLine, output, watched, stopTimeout, logFile);
		server.reader.start();
		return server;
	}

	private void readOutput(Path logFile) {
		if (this.watched) {
			this.output.readAll(this.process.getInputStream());
			return;
		}
		try (InputStream in = new FollowedFile(logFile)) {
			this.output.readAll(in);
		}
		catch (IOException ex) {
			// Nothing more to forward.
		}
	}

	/**
	 * Return the server's process id (the watchdog's child when watched).
	 * @return the pid
	 */
	long pid() {
		if (!this.watched) {
			return this.process.pid();
		}
		return this.process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(this.process.pid());
	}

	List<String> commandLine() {
		return this.commandLine;
	}

	MlxLmServerOutput output() {
		return this.output;
	}

	/**
	 * Return the output once everything the ended server wrote was read (at most a second
	 * later).
	 * @return the output
	 */
	MlxLmServerOutput awaitOutput() {
		try {
			this.reader.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.output;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the exit code once the server ended.
	 * @return the exit code, or {@code null} while it runs
	 */
	@Nullable Integer exitCode() {
		return this.process.isAlive() ? null : this.process.exitValue();
	}

	CompletableFuture<Integer> onExit() {
		return this.process.onExit().thenApply(Process::exitValue);
	}

	/**
	 * Stop forwarding the output of a server left running.
	 */
	void unfollow() {
		this.following = false;
	}

	/**
	 * Stop the server: SIGTERM, then SIGKILL after the stop timeout. Waits until it is
	 * gone.
	 */
	void stop() {
		this.following = false;
		if (!this.process.isAlive()) {
			return;
		}
		List<ProcessHandle> descendants = this.process.descendants().toList();
		try {
			if (this.watched) {
				// EOF on the watchdog's pipe: the same path as a JVM that died.
				this.process.getOutputStream().close();
			}
			else {
				this.process.destroy();
			}
			if (!this.process.waitFor(this.stopTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * A log file read as it grows, until the launcher stops following it or the server
	 * ended and everything was read. Polls: a file has no notification that works the
	 * same on macOS and Linux without a library.
	 */
	private final class FollowedFile extends InputStream {

		private final FileInputStream in;

		FollowedFile(Path file) throws IOException {
			this.in = new FileInputStream(file.toFile());
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (true) {
				int n = this.in.read(buffer, offset, length);
				if (n > 0) {
					return n;
				}
				if (!MlxLmServerProcess.this.following) {
					return -1;
				}
				if (!MlxLmServerProcess.this.process.isAlive()) {
					// What it wrote just before it ended, if anything.
					n = this.in.read(buffer, offset, length);
					return (n > 0) ? n : -1;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return -1;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}

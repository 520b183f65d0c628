package io.github.mlxlm.chat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Makes OkHttp talk to mlx_lm.server without ever sending a generation twice.
 * <p>
 * Hand-written because neither OkHttp nor Spring AI offers these as settings:
 * <ul>
 * <li>{@code Connection: close}: the server speaks HTTP/1.0 and closes every connection,
 * so a pooled connection is always stale and OkHttp would silently re-send the next POST
 * on it.</li>
 * <li>one-shot bodies: OkHttp's {@code retryOnConnectionFailure} (always on in Spring AI's
 * client) re-sends a request whose connection broke after it was written; the server may
 * already be generating for it. A one-shot body still lets OkHttp retry a connection that
 * failed before any byte was sent.</li>
 * <li>no {@code Authorization} header when no api key is set (the SDK insists on a
 * key).</li>
 * <li>bounded retries of a connection that failed before any byte was sent (refused, or
 * connect timeout), with doubling backoff; nothing else is retried here, and the SDK's own
 * retries are off, so the attempts never multiply.</li>
 * </ul>
 *
 * @author mlxlm developers
 */
final class MlxLmOkHttpInterceptor implements Interceptor {

	private final boolean sendAuthorization;

	private final int maxAttempts;

	private final Duration backoff;

	MlxLmOkHttpInterceptor(boolean sendAuthorization) {
		this(sendAuthorization, 1, Duration.ofMillis(200));
	}

	MlxLmOkHttpInterceptor(boolean sendAuthorization, int maxAttempts, Duration backoff) {
		this.sendAuthorization = sendAuthorization;
		this.maxAttempts = Math.max(1, maxAttempts);
		this.backoff = backoff;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		Request.Builder builder = request.newBuilder().header("Connection", "close");
		if (!this.sendAuthorization) {
			builder.removeHeader("Authorization");
		}
		RequestBody body = request.body();
		if (body != null && !body.isOneShot()) {
			builder.method(request.method(), new OneShotBody(body));
		}
		Request outgoing = builder.build();
		for (int attempt = 1;; attempt++) {
			try {
				return chain.proceed(outgoing);
			}
			catch (IOException ex) {
				if (attempt >= this.maxAttempts || !isConnectFailure(ex) || chain.call().isCanceled()) {
					throw ex;
				}
				pause(this.backoff.multipliedBy(1L << (attempt - 1)));
			}
		}
	}

	/**
	 * Return whether the failure happened while connecting, before any request byte was
	 * written: only then can the server not have started a generation.
	 */
	static boolean isConnectFailure(IOException ex) {
		if (ex instanceof ConnectException) {
			return true;
		}
		String message = ex.getMessage();
		return ex instanceof SocketTimeoutException && message != null
				&& message.toLowerCase(Locale.ROOT).contains("connect timed out");
	}

	private static void pause(Duration wait) throws InterruptedIOException {
		// OkHttp interceptors run on the call's own blocking thread: this waits for this call only.
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting to retry a failed connection");
		}
	}

	private static final class OneShotBody extends RequestBody {

		private final RequestBody delegate;

		OneShotBody(RequestBody delegate) {
			this.delegate = delegate;
		}

		@Override
		public @Nullable MediaType contentType() {
			return this.delegate.contentType();
		}

		@Override
		public long contentLength() throws IOException {
			return this.delegate.contentLength();
		}

		@Override
		public boolean isOneShot() {
			return true;
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			this.delegate.writeTo(sink);
		}

	}

}

package io.github.mlxlm.chat;

import java.io.IOException;

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
 * </ul>
 *
 * @author mlxlm developers
 */
final class MlxLmOkHttpInterceptor implements Interceptor {

	private final boolean sendAuthorization;

	MlxLmOkHttpInterceptor(boolean sendAuthorization) {
		this.sendAuthorization = sendAuthorization;
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
		return chain.proceed(builder.build());
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

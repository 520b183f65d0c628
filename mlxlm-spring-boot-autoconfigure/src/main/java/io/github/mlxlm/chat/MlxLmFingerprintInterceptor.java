package io.github.mlxlm.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code system_fingerprint} (the only place mlx_lm.server states its version) from
 * chat replies, which Spring AI parses but does not expose.
 * <p>
 * It watches the first bytes of each successful reply as the SDK reads them, so it works
 * for streams too and never delays or buffers anything: no peek, no extra read.
 *
 * @author mlxlm developers
 */
final class MlxLmFingerprintInterceptor implements Interceptor {

	// The fingerprint comes within the first event or object; stop watching after that.
	private static final int WATCHED_BYTES = 4096;

	private static final Pattern FINGERPRINT = Pattern.compile("\"system_fingerprint\"\\s*:\\s*\"([^\"]*)\"");

	private final Consumer<String> sink;

	MlxLmFingerprintInterceptor(Consumer<String> sink) {
		this.sink = sink;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		ResponseBody body = response.body();
		if (!response.isSuccessful() || body == null) {
			return response;
		}
		return response.newBuilder().body(new WatchedBody(body)).build();
	}

	private final class WatchedBody extends ResponseBody {

		private final ResponseBody delegate;

		private final BufferedSource source;

		WatchedBody(ResponseBody delegate) {
			this.delegate = delegate;
			this.source = Okio.buffer(new FingerprintSource(delegate.source()));
		}

		@Override
		public @Nullable MediaType contentType() {
			return this.delegate.contentType();
		}

		@Override
		public long contentLength() {
			return this.delegate.contentLength();
		}

		@Override
		public BufferedSource source() {
			return this.source;
		}

	}

	private final class FingerprintSource extends ForwardingSource {

		private final StringBuilder seen = new StringBuilder();

		private boolean watching = true;

		FingerprintSource(okio.Source delegate) {
			super(delegate);
		}

		@Override
		public long read(Buffer sink, long byteCount) throws IOException {
			long read = super.read(sink, byteCount);
			if (this.watching && read > 0) {
				Buffer copy = new Buffer();
				sink.copyTo(copy, sink.size() - read, read);
				this.seen.append(copy.readString(StandardCharsets.UTF_8));
				Matcher matcher = FINGERPRINT.matcher(this.seen);
				if (matcher.find()) {
					this.watching = false;
					MlxLmFingerprintInterceptor.this.sink.accept(matcher.group(1));
				}
				else if (this.seen.length() > WATCHED_BYTES) {
					this.watching = false;
				}
			}
			return read;
		}

	}

}

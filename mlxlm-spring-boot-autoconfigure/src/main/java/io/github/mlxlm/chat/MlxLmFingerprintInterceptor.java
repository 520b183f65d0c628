package io.github.mlxlm.chat;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads {@code system_fingerprint} (the only place mlx_lm.server states its version) from
 * non-streaming chat replies, which Spring AI parses but does not expose.
 * <p>
 * Only complete JSON replies are peeked (they carry {@code Content-Length}); streams are
 * left alone so that nothing delays their first chunk.
 *
 * @author mlxlm developers
 */
final class MlxLmFingerprintInterceptor implements Interceptor {

	// The fingerprint is near the start of the reply; never buffer a large answer for it.
	private static final long PEEK_BYTES = 1024;

	private static final Pattern FINGERPRINT = Pattern.compile("\"system_fingerprint\"\\s*:\\s*\"([^\"]*)\"");

	private final Consumer<String> sink;

	MlxLmFingerprintInterceptor(Consumer<String> sink) {
		this.sink = sink;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		ResponseBody body = response.body();
		MediaType type = (body != null) ? body.contentType() : null;
		if (response.isSuccessful() && type != null && "json".equals(type.subtype())) {
			Matcher matcher = FINGERPRINT.matcher(response.peekBody(PEEK_BYTES).string());
			if (matcher.find()) {
				this.sink.accept(matcher.group(1));
			}
		}
		return response;
	}

}

package io.github.mlxlm.chat;

import java.util.concurrent.CompletableFuture;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;

/**
 * An SDK {@link HttpClient} that applies MLX-LM's timeouts to every request.
 * <p>
 * Spring AI passes each prompt's {@code OpenAiChatOptions.timeout} (60 s unless set) to
 * the SDK as a total-call timeout, which cuts long streams and long answers. This client
 * replaces it with connect and read (silence) timeouts and no total-call limit, whatever
 * options a request carries.
 *
 * @author mlxlm developers
 */
final class MlxLmOpenAiHttpClient implements HttpClient {

	private final HttpClient delegate;

	private final Timeout timeout;

	MlxLmOpenAiHttpClient(HttpClient delegate, Timeout timeout) {
		this.delegate = delegate;
		this.timeout = timeout;
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
		return this.delegate.execute(request, withTimeout(requestOptions));
	}

	@Override
	public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
		return this.delegate.executeAsync(request, withTimeout(requestOptions));
	}

	private RequestOptions withTimeout(RequestOptions requestOptions) {
		RequestOptions.Builder builder = RequestOptions.builder().timeout(this.timeout);
		Boolean responseValidation = requestOptions.getResponseValidation();
		if (responseValidation != null) {
			builder.responseValidation(responseValidation);
		}
		return builder.build();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}

package io.github.mlxlm.client;

/**
 * One entry of the MLX-LM server's {@code /v1/models} listing.
 * <p>
 * The listing is the server machine's Hugging Face cache (in random order) plus the
 * server's own {@code --model} when that is a local path; an entry does <em>not</em> mean
 * the model is loaded.
 *
 * @param id the model id: a Hugging Face repo id, or an absolute path for a local model
 * @param object the entry's {@code object} field, {@code "model"} on every known server
 * version
 * @param created the entry's {@code created} field; the server sets it to the time of the
 * request
 * @author MLX-LM starter contributors
 */
public record MlxLmModel(String id, String object, long created) {

	/**
	 * Whether this entry is a local path (an absolute path), which the server lists only
	 * for its own {@code --model}.
	 * @return {@code true} if the id starts with {@code /}
	 */
	public boolean isLocalPath() {
		return this.id.startsWith("/");
	}

}

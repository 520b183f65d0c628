package io.github.mlxlm.api;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Reflection hints for a native image: the records Jackson writes and reads on the wire
 * ({@link MlxLmApi}'s requests and replies), and the chat options. Registered in
 * {@code META-INF/spring/aot.factories}, as Spring AI registers its models' types.
 *
 * @author mlxlm developers
 */
public class MlxLmRuntimeHints implements RuntimeHintsRegistrar {

	static final MemberCategory[] BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	private static final String CHAT_OPTIONS = "io.github.mlxlm.chat.MlxLmChatOptions";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		Arrays.stream(MlxLmApi.class.getDeclaredClasses())
			.filter(Class::isRecord)
			.forEach((type) -> hints.reflection().registerType(type, BINDING));
		hints.reflection().registerType(TypeReference.of(CHAT_OPTIONS), BINDING);
	}

}

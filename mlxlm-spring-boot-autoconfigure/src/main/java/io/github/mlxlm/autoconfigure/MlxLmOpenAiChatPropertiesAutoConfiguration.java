package io.github.mlxlm.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that warns at start-up about {@code spring.ai.openai.chat.*}
 * properties, which have no effect while the MLX-LM chat model is selected, and names
 * their {@code mlxlm.*} equivalents.
 *
 * @author mlxlm developers
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.ai.chat.model.ChatModel")
@ConditionalOnMlxLmChatModelSelected
public final class MlxLmOpenAiChatPropertiesAutoConfiguration {

	@Bean
	static MlxLmOpenAiChatPropertiesWarning mlxLmOpenAiChatPropertiesWarning(Environment environment) {
		return new MlxLmOpenAiChatPropertiesWarning(environment);
	}

}

package dev.warden.quarkus.anthropic;

import dev.langchain4j.model.chat.ChatModel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Offers Anthropic to Warden's agents as the {@code ChatModel} bean {@code @Identifier("anthropic")}: select it for
 * every agent with {@code warden.model=anthropic}, or for one with {@code @WardenAgent(model = "anthropic")}.
 * The bean is created when an agent first needs it; a bad {@code warden.anthropic.*} value then stops startup with
 * {@link AnthropicCodes#BAD_CONFIGURATION}, while a missing key only fails the calls.
 */
public class AnthropicModelProducer {
    /** The name agents select this model by. */
    public static final String MODEL_ID = "anthropic";

    @Produces
    @Singleton
    @Identifier(MODEL_ID)
    ChatModel anthropic(AnthropicConfig config) {
        return new AnthropicMessagesModel(AnthropicSettings.from(config));
    }
}

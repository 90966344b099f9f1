package dev.warden.quarkus.anthropic.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import java.io.IOException;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

/** warden-quarkus-anthropic is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the Anthropic wire types reflective for a native image. */
class WardenAnthropicExtensionTest extends ExtensionShapeTest {
    WardenAnthropicExtensionTest() {
        super("warden-quarkus-anthropic", "warden-anthropic", () -> new WardenAnthropicProcessor().feature());
    }

    @Test
    void the_anthropic_wire_types_are_found_in_the_client_jar_index() throws IOException {
        Index index = Index.of(dev.langchain4j.model.anthropic.internal.api.AnthropicCreateMessageRequest.class,
                dev.langchain4j.model.anthropic.internal.api.AnthropicContent.class,
                dev.langchain4j.model.anthropic.AnthropicChatModel.class);
        assertThat(WardenAnthropicProcessor.wireTypes(index)).containsExactly(
                "dev.langchain4j.model.anthropic.internal.api.AnthropicContent",
                "dev.langchain4j.model.anthropic.internal.api.AnthropicCreateMessageRequest");
    }
}

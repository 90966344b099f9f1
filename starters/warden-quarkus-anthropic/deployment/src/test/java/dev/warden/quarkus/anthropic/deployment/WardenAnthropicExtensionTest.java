package dev.warden.quarkus.anthropic.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

/** warden-quarkus-anthropic is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the Anthropic wire types reflective for a native image. */
class WardenAnthropicExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:warden-quarkus-anthropic-deployment:");
    }

    @Test
    void the_extension_installs_its_feature() {
        assertThat(new WardenAnthropicProcessor().feature().getName()).isEqualTo("warden-anthropic");
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

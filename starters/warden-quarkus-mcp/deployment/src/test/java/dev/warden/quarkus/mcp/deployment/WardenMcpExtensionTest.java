package dev.warden.quarkus.mcp.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** warden-quarkus-mcp is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the pin store record reflective for a native image. */
class WardenMcpExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:warden-quarkus-mcp-deployment:");
    }

    @Test
    void the_extension_installs_its_feature() {
        assertThat(new WardenMcpProcessor().feature().getName()).isEqualTo("warden-mcp-gateway");
    }

    @Test
    void the_pin_record_named_for_native_reflection_exists() throws Exception {
        assertThat(Class.forName(WardenMcpProcessor.PIN_RECORD).isRecord()).isTrue();
    }
}

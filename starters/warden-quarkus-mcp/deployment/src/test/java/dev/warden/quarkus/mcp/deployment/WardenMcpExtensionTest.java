package dev.warden.quarkus.mcp.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import org.junit.jupiter.api.Test;

/** warden-quarkus-mcp is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the pin store record reflective for a native image. */
class WardenMcpExtensionTest extends ExtensionShapeTest {
    WardenMcpExtensionTest() {
        super("warden-quarkus-mcp", "warden-mcp-gateway", () -> new WardenMcpProcessor().feature());
    }

    @Test
    void the_pin_record_named_for_native_reflection_exists() throws Exception {
        assertThat(Class.forName(WardenMcpProcessor.PIN_RECORD).isRecord()).isTrue();
    }
}

package dev.warden.quarkus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Nothing the MCP gateway sets for the whole application is set silently: each such key is in the logged list. */
class McpAppWideDefaultsListTest {
    @Test
    void every_app_wide_default_of_the_gateway_is_in_the_logged_list() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        var appWide = defaults.stringPropertyNames().stream().filter(k -> !k.startsWith("warden.")).toList();
        assertThat(appWide).isNotEmpty();
        assertThat(McpAppWideDefaults.KEYS.keySet()).containsExactlyInAnyOrderElementsOf(appWide);
    }
}

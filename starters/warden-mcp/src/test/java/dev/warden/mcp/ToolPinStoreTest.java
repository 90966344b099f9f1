package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolPinStoreTest {
    @TempDir
    Path dir;

    final ToolPin pin = new ToolPin("bank", "transfer", new ToolFingerprint("aa", "bb"), "alice",
            Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void file_store_survives_a_restart_and_revocation() {
        Path file = dir.resolve("pins/warden-mcp-pins.json");
        FileToolPinStore.open(file).save(pin);

        FileToolPinStore reopened = FileToolPinStore.open(file);
        assertThat(reopened.find("bank", "transfer")).contains(pin);
        reopened.revoke("bank", "transfer");
        assertThat(FileToolPinStore.open(file).all()).isEmpty();
    }

    @Test
    void a_corrupt_pin_file_is_refused_instead_of_starting_empty() throws Exception {
        Path file = dir.resolve("pins.json");
        Files.writeString(file, "[{\"serverId\":\"bank\"");
        assertThatThrownBy(() -> FileToolPinStore.open(file)).isInstanceOf(McpConfigurationException.class)
                .hasMessageContaining(McpCodes.BAD_CONFIGURATION);
    }

    @Test
    void in_memory_store_replaces_a_pin_on_re_approval() {
        InMemoryToolPinStore store = new InMemoryToolPinStore();
        store.save(pin);
        ToolPin again = new ToolPin("bank", "transfer", new ToolFingerprint("cc", "bb"), "bob", pin.approvedAt());
        store.save(again);
        assertThat(store.all()).containsExactly(again);
    }

    @Test
    void fingerprints_name_what_differs() {
        ToolFingerprint a = new ToolFingerprint("d1", "s1");
        assertThat(a.differenceFrom(new ToolFingerprint("d2", "s1"))).isEqualTo("description");
        assertThat(a.differenceFrom(new ToolFingerprint("d1", "s2"))).isEqualTo("input schema");
        assertThat(a.differenceFrom(new ToolFingerprint("d2", "s2"))).isEqualTo("description and input schema");
        assertThat(a.differenceFrom(a)).isEmpty();
    }
}

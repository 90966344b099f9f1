package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Issue 17: decision records are serialised for OpenTelemetry logs only when something can export them. */
class AuditLogMirroringTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void records_are_not_mirrored_when_the_otel_sdk_is_disabled() {
        assertThat(WardenProducers.mirrorsToLogs(true, config(Map.of("quarkus.otel.sdk.disabled", "true",
                "quarkus.otel.logs.enabled", "true")))).isFalse();
    }

    @Test
    void records_are_not_mirrored_without_the_logs_signal() {
        assertThat(WardenProducers.mirrorsToLogs(true, config(Map.of()))).isFalse();
        assertThat(WardenProducers.mirrorsToLogs(true, config(Map.of("quarkus.otel.logs.enabled", "false"))))
                .isFalse();
    }

    @Test
    void records_are_mirrored_when_asked_and_the_sdk_exports_logs() {
        Config exporting = config(Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.logs.enabled", "true"));
        assertThat(WardenProducers.mirrorsToLogs(true, exporting)).isTrue();
        assertThat(WardenProducers.mirrorsToLogs(false, exporting)).isFalse();
    }
}

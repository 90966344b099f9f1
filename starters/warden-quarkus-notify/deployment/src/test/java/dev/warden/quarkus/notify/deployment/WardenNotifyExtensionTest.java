package dev.warden.quarkus.notify.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * warden-quarkus-notify is a Quarkus extension: its runtime jar names this deployment module, which adds its feature,
 * and makes the records Jackson writes to webhooks and the outbox (and reads back from it) reflective for a native
 * image.
 */
class WardenNotifyExtensionTest {
    @Test
    void the_runtime_jar_names_its_deployment_artifact() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/target/classes/META-INF/quarkus-extension.properties"))) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact"))
                .startsWith("dev.warden:warden-quarkus-notify-deployment:");
    }

    @Test
    void the_extension_installs_its_feature() {
        assertThat(new WardenNotifyProcessor().feature().getName()).isEqualTo("warden-notify");
    }

    @Test
    void the_notice_and_delivery_records_are_reflective() {
        assertThat(new WardenNotifyProcessor().outboxAndWebhookRecords().getClassNames()).contains(
                "dev.warden.quarkus.notify.ApprovalNotice", "dev.warden.quarkus.notify.ApprovalNotice$Event",
                "dev.warden.quarkus.notify.Delivery");
    }
}

package dev.warden.quarkus.notify.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import org.junit.jupiter.api.Test;

/**
 * warden-quarkus-notify is a Quarkus extension: its runtime jar names this deployment module, which adds its feature,
 * and makes the records Jackson writes to webhooks and the outbox (and reads back from it) reflective for a native
 * image.
 */
class WardenNotifyExtensionTest extends ExtensionShapeTest {
    WardenNotifyExtensionTest() {
        super("warden-quarkus-notify", "warden-notify", () -> new WardenNotifyProcessor().feature());
    }

    @Test
    void the_notice_and_delivery_records_are_reflective() {
        assertThat(new WardenNotifyProcessor().outboxAndWebhookRecords().getClassNames()).contains(
                "dev.warden.quarkus.notify.ApprovalNotice", "dev.warden.quarkus.notify.ApprovalNotice$Event",
                "dev.warden.quarkus.notify.Delivery");
    }
}

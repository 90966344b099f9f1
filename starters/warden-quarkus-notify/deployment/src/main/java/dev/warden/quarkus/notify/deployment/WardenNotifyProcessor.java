package dev.warden.quarkus.notify.deployment;

import dev.warden.quarkus.notify.ApprovalNotice;
import dev.warden.quarkus.notify.Delivery;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/** Build steps of warden-quarkus-notify: its feature name and what a native image needs of it. */
class WardenNotifyProcessor {
    static final String FEATURE = "warden-notify";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Jackson writes a notice as the webhook body and the PostgreSQL outbox row, and reads it back from the row
     * ({@code ApprovalNotice.toJson/fromJson}); the outbox hands out {@link Delivery} records.
     */
    @BuildStep
    ReflectiveClassBuildItem outboxAndWebhookRecords() {
        return ReflectiveClassBuildItem.builder(ApprovalNotice.class, ApprovalNotice.Event.class, Delivery.class)
                .constructors().methods().fields().serialization().build();
    }
}

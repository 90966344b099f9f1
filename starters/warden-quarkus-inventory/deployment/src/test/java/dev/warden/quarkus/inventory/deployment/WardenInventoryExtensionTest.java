package dev.warden.quarkus.inventory.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import org.junit.jupiter.api.Test;

/**
 * warden-quarkus-inventory is a Quarkus extension: its runtime jar names this deployment module, which adds its
 * feature and makes the records Jackson writes under /v1/inventory (model, views, export) reflective for a native
 * image.
 */
class WardenInventoryExtensionTest extends ExtensionShapeTest {
    WardenInventoryExtensionTest() {
        super("warden-quarkus-inventory", "warden-inventory", () -> new WardenInventoryProcessor().feature());
    }

    @Test
    void the_records_crossing_json_are_reflective() {
        assertThat(new WardenInventoryProcessor().jsonRecords().getClassNames()).contains(
                "dev.warden.quarkus.inventory.InventoryModel$Agent", "dev.warden.quarkus.inventory.InventoryModel$Tool",
                "dev.warden.quarkus.inventory.InventoryModel$Suspension",
                "dev.warden.quarkus.inventory.runtime.InventoryViews$Export",
                "dev.warden.quarkus.inventory.runtime.InventoryViews$AgentDetail",
                "dev.warden.quarkus.inventory.runtime.AccessMap$View", "dev.warden.quarkus.inventory.runtime.Drift$View",
                "dev.warden.quarkus.inventory.runtime.SuspensionResource$SuspendRequest",
                "dev.warden.quarkus.inventory.SuspensionTarget");
    }
}

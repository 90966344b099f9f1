package dev.warden.quarkus.inventory.postgres.deployment;

import dev.warden.quarkus.inventory.postgres.InventorySchema;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;

/**
 * Build steps of warden-quarkus-inventory-postgres: its feature name and what a native image needs of it (the
 * Hibernate entities are registered by Quarkus' Hibernate Reactive extension).
 */
class WardenInventoryPostgresProcessor {
    static final String FEATURE = "warden-inventory-postgres";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The inventory's Flyway scripts are read from the classpath when its tables are created or upgraded
     * ({@link InventorySchema#LOCATION}); a native image holds only the resources it is told about.
     */
    @BuildStep
    NativeImageResourcePatternsBuildItem migrations() {
        return NativeImageResourcePatternsBuildItem.builder().includeGlob(InventorySchema.LOCATION + "/*.sql").build();
    }
}

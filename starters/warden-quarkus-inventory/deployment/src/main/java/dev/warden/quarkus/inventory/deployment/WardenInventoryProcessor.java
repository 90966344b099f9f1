package dev.warden.quarkus.inventory.deployment;

import dev.warden.quarkus.inventory.InventoryModel;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.quarkus.inventory.runtime.AccessMap;
import dev.warden.quarkus.inventory.runtime.Drift;
import dev.warden.quarkus.inventory.runtime.InventoryViews;
import dev.warden.quarkus.inventory.runtime.SuspensionResource;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import java.util.ArrayList;
import java.util.List;

/** Build steps of warden-quarkus-inventory: its feature name and what a native image needs of it. */
class WardenInventoryProcessor {
    static final String FEATURE = "warden-inventory";
    /** The classes whose nested records cross JSON: the inventory model, the REST views and the export. */
    static final List<Class<?>> JSON_OWNERS = List.of(InventoryModel.class, InventoryViews.class, AccessMap.class,
            Drift.class, SuspensionResource.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Jackson writes the model and view records as the REST answers under /v1/inventory and as the JSON export (an
     * untyped {@code Response} entity, which Quarkus REST cannot see), reads the suspension request, and the PostgreSQL
     * store reads no records (its columns are lists and maps). Nested records of {@link #JSON_OWNERS} plus the
     * suspension target enum (written by its {@code @JsonValue}).
     */
    @BuildStep
    ReflectiveClassBuildItem jsonRecords() {
        List<Class<?>> types = new ArrayList<>(List.of(SuspensionTarget.class));
        for (Class<?> owner : JSON_OWNERS) {
            for (Class<?> nested : owner.getDeclaredClasses()) {
                if (nested.isRecord()) {
                    types.add(nested);
                }
            }
        }
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new)).constructors().methods().fields()
                .build();
    }
}

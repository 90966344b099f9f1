package dev.warden.quarkus.delegation.deployment;

import dev.warden.delegation.remote.DelegationWire;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/** Build steps of warden-quarkus-delegation: its feature name and what a native image needs of it. */
class WardenDelegationProcessor {
    static final String FEATURE = "warden-delegation";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The cross-service wire records (call, reply, labels) are read and written by Jackson. */
    @BuildStep
    ReflectiveClassBuildItem wireRecords() {
        return ReflectiveClassBuildItem.builder(DelegationWire.class.getDeclaredClasses()).constructors().methods()
                .fields().build();
    }
}

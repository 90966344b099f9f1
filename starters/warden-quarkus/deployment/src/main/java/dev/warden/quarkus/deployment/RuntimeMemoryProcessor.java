package dev.warden.quarkus.deployment;

import dev.warden.quarkus.RunsConfig;
import dev.warden.quarkus.runtime.IdleMemoryReturn;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;

/**
 * Memory given back to the OS when idle ({@code warden.runtime.memory.*}, decisions 0053 and 0064): the bean and its
 * mapping; and the size of the recent-runs view ({@code warden.runs.*}).
 */
class RuntimeMemoryProcessor {
    @BuildStep
    void idleMemoryReturn(BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(IdleMemoryReturn.class));
        indexed.produce(new AdditionalIndexedClassesBuildItem(IdleMemoryReturn.Config.class.getName(),
                RunsConfig.class.getName()));
    }
}

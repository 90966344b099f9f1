package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.IdleMemoryReturn;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;

/** Memory given back to the OS when idle ({@code warden.runtime.memory.*}, decision 0053): the bean and its mapping. */
class RuntimeMemoryProcessor {
    @BuildStep
    void idleMemoryReturn(BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(IdleMemoryReturn.class));
        indexed.produce(new AdditionalIndexedClassesBuildItem(IdleMemoryReturn.Config.class.getName()));
    }
}

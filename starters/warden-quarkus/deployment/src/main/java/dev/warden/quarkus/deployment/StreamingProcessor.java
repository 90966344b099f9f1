package dev.warden.quarkus.deployment;

import dev.warden.quarkus.StreamingConfig;
import dev.warden.quarkus.runtime.RunEventLogs;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;

/** Governed streaming (decision 0035): the per-run event logs behind the SSE endpoints, and their configuration. */
class StreamingProcessor {
    @BuildStep
    AdditionalBeanBuildItem eventLogs() {
        return AdditionalBeanBuildItem.unremovableOf(RunEventLogs.class);
    }

    /** {@code warden.streaming.*}: an application-style mapping, indexed like {@code WardenConfig}. */
    @BuildStep
    AdditionalIndexedClassesBuildItem streamingConfig() {
        return new AdditionalIndexedClassesBuildItem(StreamingConfig.class.getName());
    }
}

package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.AppWideDefaults;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** What the extension sets for the whole application is logged at startup ({@link AppWideDefaults}). */
class AppWideDefaultsProcessor {
    @BuildStep
    AdditionalBeanBuildItem appWideDefaults() {
        return AdditionalBeanBuildItem.unremovableOf(AppWideDefaults.class);
    }
}

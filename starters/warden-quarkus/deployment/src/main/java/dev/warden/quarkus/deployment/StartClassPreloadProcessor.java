package dev.warden.quarkus.deployment;

import dev.warden.quarkus.WardenStartBuildConfig;
import dev.warden.quarkus.runtime.StartClassPreloadConfigBuilder;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * Starts the class preload thread when a packaged application builds its static-init configuration (decision 0070).
 * Dev and test modes load classes through Quarkus' re-loadable class loaders and are left as they are.
 */
class StartClassPreloadProcessor {
    @BuildStep
    void preloadClasses(LaunchModeBuildItem launchMode, WardenStartBuildConfig config,
            BuildProducer<StaticInitConfigBuilderBuildItem> builders) {
        if (launchMode.getLaunchMode() == LaunchMode.NORMAL && config.preloadClasses()) {
            builders.produce(new StaticInitConfigBuilderBuildItem(StartClassPreloadConfigBuilder.class));
        }
    }
}

package dev.warden.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a packaged application starts, under {@code warden.start.*} (fixed at build; decision 0070). */
@ConfigMapping(prefix = "warden.start")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface WardenStartBuildConfig {
    /**
     * Whether a packaged application (launch mode {@code NORMAL}) loads the classes named in its
     * {@code META-INF/warden/start-classes.txt} resources on a second thread while it starts, so the start thread finds
     * them already defined. Loading defines a class without initialising it: no static initialiser runs early and no
     * start-up step changes order. Without such a resource nothing happens.
     */
    @WithDefault("true")
    boolean preloadClasses();
}

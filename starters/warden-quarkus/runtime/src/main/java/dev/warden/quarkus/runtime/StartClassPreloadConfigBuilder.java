package dev.warden.quarkus.runtime;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Starts {@link StartClassPreloader} from the first thing a packaged application does: building its static-init
 * configuration (decision 0070). Quarkus offers an extension no earlier hook; a recorder at static init runs only
 * after ~30 % of the start's classes are loaded. The configuration is returned as it came: nothing is added, removed
 * or reordered.
 */
public class StartClassPreloadConfigBuilder implements ConfigBuilder {
    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        StartClassPreloader.startOnceInPackagedApplication(Thread.currentThread().getContextClassLoader());
        return builder;
    }
}

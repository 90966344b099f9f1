package dev.warden.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the application's OpenAPI documents are prepared, under {@code warden.openapi.*} (fixed at build; decision 0063).
 */
@ConfigMapping(prefix = "warden.openapi")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface WardenOpenApiBuildConfig {
    /**
     * Whether SmallRye OpenAPI's documents are prepared on their first {@code /q/openapi} request instead of at
     * start. {@code false} leaves Quarkus' {@code OpenApiDocumentService} as the extension ships it (documents
     * prepared at every start).
     */
    @WithDefault("true")
    boolean prepareOnFirstRequest();
}

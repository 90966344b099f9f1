package dev.warden.quarkus.postgres.deployment;

import dev.warden.quarkus.postgres.WardenPostgresSchema;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;

/** Build steps of warden-quarkus-postgres: its feature name and what a native image needs of it. */
class WardenPostgresProcessor {
    static final String FEATURE = "warden-postgres";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Warden's own Flyway scripts are read from the classpath when the schema is created or upgraded
     * ({@link WardenPostgresSchema#LOCATION}); a native image holds only the resources it is told about.
     */
    @BuildStep
    NativeImageResourcePatternsBuildItem migrations() {
        return NativeImageResourcePatternsBuildItem.builder().includeGlob(WardenPostgresSchema.LOCATION + "/*.sql")
                .build();
    }
}

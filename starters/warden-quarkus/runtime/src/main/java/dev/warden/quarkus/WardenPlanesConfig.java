package dev.warden.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which built-in policy planes the application is built with, under {@code warden.planes.*}. Fixed when the
 * application is built ({@code @IfBuildProperty} keeps or drops each plane's bean): a different value at run time does
 * not change the planes and Quarkus reports it at startup ("Build time property cannot be changed at runtime").
 */
@ConfigMapping(prefix = "warden.planes")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface WardenPlanesConfig {
    /** The identity plane: who the caller is, roles, tenant, token claims. */
    Plane identity();

    /** The action-boundary plane: tool effects, risk, approvals, budgets and rate limits. */
    Plane actionBoundary();

    /** The data-flow plane: labels, egress, redaction, injection containment. */
    Plane dataFlow();

    /** One built-in plane. */
    interface Plane {
        /** Whether the plane is built into the application and joins the Governor. */
        @WithDefault("true")
        boolean enabled();
    }
}

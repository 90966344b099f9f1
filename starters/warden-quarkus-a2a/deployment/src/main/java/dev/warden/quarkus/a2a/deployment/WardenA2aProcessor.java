package dev.warden.quarkus.a2a.deployment;

import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of warden-quarkus-a2a: its feature name, and the A2A SDK's own CDI beans kept out of the application. */
class WardenA2aProcessor {
    static final String FEATURE = "warden-a2a";
    /** Every type of the A2A Java SDK. */
    static final String SDK_TYPES = "io.a2a.**";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The SDK's jars carry {@code beans.xml} for its own CDI servers (a {@code DefaultRequestHandler} that needs an
     * {@code AgentExecutor} bean and a {@code @PublicAgentCard} one). Warden builds the SDK's handlers itself
     * ({@code WardenA2aServer}), so those beans must not be discovered. A build item, not a
     * {@code quarkus.arc.exclude-types} default: a list property set by the application replaces a default instead of
     * adding to it, and the SDK's beans would come back (decision 0043).
     */
    @BuildStep
    ExcludedTypeBuildItem sdkBeans() {
        return new ExcludedTypeBuildItem(SDK_TYPES);
    }
}

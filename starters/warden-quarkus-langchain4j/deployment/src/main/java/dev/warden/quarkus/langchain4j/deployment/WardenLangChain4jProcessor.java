package dev.warden.quarkus.langchain4j.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of warden-quarkus-langchain4j: its feature name. */
class WardenLangChain4jProcessor {
    static final String FEATURE = "warden-langchain4j";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }
}

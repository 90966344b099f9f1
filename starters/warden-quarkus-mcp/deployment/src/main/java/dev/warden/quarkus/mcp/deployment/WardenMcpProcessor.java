package dev.warden.quarkus.mcp.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/** Build steps of warden-quarkus-mcp: its feature name and what a native image needs of it. */
class WardenMcpProcessor {
    static final String FEATURE = "warden-mcp-gateway";
    /** The file-backed tool pin store reads and writes its pins as JSON records (Jackson). */
    static final String PIN_RECORD = "dev.warden.mcp.FileToolPinStore$PinJson";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ReflectiveClassBuildItem pinRecords() {
        return ReflectiveClassBuildItem.builder(PIN_RECORD).constructors().methods().fields().build();
    }
}

package dev.warden.quarkus.console.deployment;

import dev.warden.core.Principal;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.api.Dtos;
import dev.warden.quarkus.console.ConsoleInventory;
import dev.warden.quarkus.console.LoginPage;
import dev.warden.quarkus.console.RunTimeline;
import dev.warden.quarkus.inventory.runtime.AccessMap;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import java.util.ArrayList;
import java.util.List;

/** Build steps of warden-quarkus-console: its feature name and what a native image needs of it. */
class WardenConsoleProcessor {
    static final String FEATURE = "warden-console";
    /** The console's templates and static files, read from the classpath at run time (ConsoleTemplates, ConsoleAssets). */
    static final List<String> RESOURCES = List.of("warden-console/templates/*.html", "warden-console/assets/*",
            "META-INF/resources/webjars/htmx.org/**/htmx.min.js", "META-INF/resources/webjars/htmx-ext-sse/**/sse.js");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The console builds its own Qute engine (qute-core, no build-time template scanning: decision 0033), so its
     * templates and files reach a native image only when named here.
     */
    @BuildStep
    NativeImageResourcePatternsBuildItem templatesAndAssets() {
        NativeImageResourcePatternsBuildItem.Builder b = NativeImageResourcePatternsBuildItem.builder();
        RESOURCES.forEach(b::includeGlob);
        return b.build();
    }

    /**
     * What the templates read: Qute's reflection resolver reads record components and getters of the view records
     * the pages pass (the console's own, the API views it shows, the audit records of the timeline, the access map).
     */
    @BuildStep
    ReflectiveClassBuildItem viewRecords() {
        List<Class<?>> types = new ArrayList<>(List.of(Principal.class, DecisionRecord.class, AccessMap.class));
        for (Class<?> owner : List.of(ConsoleInventory.class, RunTimeline.class, LoginPage.class, AccessMap.class,
                Dtos.class)) {
            types.addAll(List.of(owner.getDeclaredClasses()));
        }
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new)).constructors().methods().fields()
                .build();
    }
}

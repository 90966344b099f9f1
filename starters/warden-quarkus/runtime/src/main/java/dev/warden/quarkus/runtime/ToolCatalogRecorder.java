package dev.warden.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Carries the tool methods discovered at build time, and their specifications, into the running application. */
@Recorder
public class ToolCatalogRecorder {
    public Supplier<ToolCatalog> catalog(Map<String, List<String>> methods,
            Map<String, Map<String, String>> specifications) {
        return () -> ToolCatalog.fromRecorded(methods, specifications);
    }
}

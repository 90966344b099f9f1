package dev.warden.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.function.Supplier;

/** Carries build-time findings into the running application. */
@Recorder
public class WardenRecorder {
    public Supplier<AgentClasses> agentClasses(List<String> names) {
        return () -> new AgentClasses(names);
    }
}

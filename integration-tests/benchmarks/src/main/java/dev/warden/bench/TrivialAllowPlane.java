package dev.warden.bench;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A plane that allows everything with a pre-built decision: what is left of a checkpoint's cost is the Governor's own
 * work (ordering, budget checks, combining, audit record, telemetry calls). Subscribes to every checkpoint.
 */
final class TrivialAllowPlane implements PolicyPlane {
    private static final Set<Checkpoint> ALL = EnumSet.allOf(Checkpoint.class);

    private final String name;
    private final Decision allow;

    TrivialAllowPlane(String name) {
        this.name = name;
        this.allow = Decision.allow(name);
    }

    /** {@code count} planes named {@code trivial-00}, {@code trivial-01}, … */
    static List<PolicyPlane> many(int count) {
        List<PolicyPlane> planes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            planes.add(new TrivialAllowPlane(String.format("trivial-%02d", i)));
        }
        return planes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return ALL;
    }

    /** It allows without reading anything, so a streamed answer need not wait for it (decision 0041). */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return false;
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        return allow;
    }
}

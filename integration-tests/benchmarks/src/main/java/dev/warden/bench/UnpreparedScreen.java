package dev.warden.bench;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import java.util.Set;

/**
 * A plane and output screen as streams screened it before decision 0054: the turn's memo is not passed on and held
 * text is not prepared; everything else is the wrapped plane's. For before/after comparisons in one JMH run.
 */
final class UnpreparedScreen implements PolicyPlane, OutputScreen {
    private final PolicyPlane plane;
    private final OutputScreen screen;

    <P extends PolicyPlane & OutputScreen> UnpreparedScreen(P plane) {
        this.plane = plane;
        this.screen = plane;
    }

    @Override
    public String name() {
        return plane.name();
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return plane.checkpoints();
    }

    @Override
    public int priority() {
        return plane.priority();
    }

    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return plane.judgesAnswerText(checkpoint);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        return plane.evaluate(request, context);
    }

    @Override
    public void committed(dev.warden.spi.Settlement settlement) {
        plane.committed(settlement);
    }

    @Override
    public void aborted(dev.warden.spi.Settlement settlement) {
        plane.aborted(settlement);
    }

    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context) {
        return screen.screen(window, context);
    }

    @Override
    public int openValueStart(CharSequence text) {
        return screen.openValueStart(text);
    }
}

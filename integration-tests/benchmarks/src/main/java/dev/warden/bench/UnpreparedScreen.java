package dev.warden.bench;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.DelegatingScreenPlane;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.ScreenMemo;

/**
 * A plane and output screen as streams screened it before decision 0054: the turn's memo is not passed on and held
 * text is not prepared; everything else is the wrapped plane's. For before/after comparisons in one JMH run.
 */
final class UnpreparedScreen extends DelegatingScreenPlane {

    <P extends PolicyPlane & OutputScreen> UnpreparedScreen(P plane) {
        super(plane);
    }

    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context, ScreenMemo memo) {
        return screen(window, context);
    }

    @Override
    public void prepare(CheckpointRequest text, GovernanceContext context, ScreenMemo memo) {}
}

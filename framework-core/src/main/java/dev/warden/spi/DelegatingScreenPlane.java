package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;

/**
 * A {@link DelegatingPlane} around a plane that is also an {@link OutputScreen}: forwards every screen method too
 * (default methods included), so a streamed answer is still screened piece by piece through the wrapper.
 */
public abstract class DelegatingScreenPlane extends DelegatingPlane implements OutputScreen {
    private final OutputScreen screen;

    protected <P extends PolicyPlane & OutputScreen> DelegatingScreenPlane(P delegate) {
        super(delegate);
        this.screen = delegate;
    }

    /** The wrapped plane's screen (the same object as {@link #delegate()}). */
    protected final OutputScreen screen() {
        return screen;
    }

    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context) {
        return screen.screen(window, context);
    }

    @Override
    public Screening screen(CheckpointRequest window, GovernanceContext context, ScreenMemo memo) {
        return screen.screen(window, context, memo);
    }

    @Override
    public void prepare(CheckpointRequest text, GovernanceContext context, ScreenMemo memo) {
        screen.prepare(text, context, memo);
    }

    @Override
    public int openValueStart(CharSequence text) {
        return screen.openValueStart(text);
    }
}

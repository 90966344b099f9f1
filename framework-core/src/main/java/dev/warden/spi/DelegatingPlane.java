package dev.warden.spi;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link PolicyPlane} that forwards every method of the SPI, default methods included, to another plane: the base
 * for wrapping a plane (timing, logging, shadow mode, a changed budget) by overriding only what changes. Its identity
 * ({@link #name()}, {@link #version()}), subscription, budget, rules and settlement hooks are the delegate's unless a
 * subclass says otherwise; register the wrapper <em>instead of</em> the delegate (two planes of one name fail the
 * governor's build).
 *
 * <p>Every method {@code PolicyPlane} has or gains is forwarded here (a test in {@code framework-core} fails when one
 * is not). The capabilities a plane adds by implementing another interface are not: wrap an
 * {@link AsyncPolicyPlane} in a {@link DelegatingAsyncPlane} and an {@link OutputScreen} in a
 * {@link DelegatingScreenPlane}. A plain {@code DelegatingPlane} around an output screen hides the screen, so it
 * answers {@link #judgesAnswerText} conservatively (whenever subscribed) and a streamed answer is held back whole
 * rather than released unscreened (fail closed). Thread-safety is the delegate's.
 *
 * <pre>{@code
 * final class TimedPlane extends DelegatingPlane {
 *     TimedPlane(PolicyPlane plane) { super(plane); }
 *
 *     @Override
 *     public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
 *         long t0 = System.nanoTime();
 *         try {
 *             return super.evaluate(request, context);
 *         } finally {
 *             histogram.record(System.nanoTime() - t0);
 *         }
 *     }
 * }
 * }</pre>
 */
public abstract class DelegatingPlane implements PolicyPlane {
    private final PolicyPlane delegate;

    protected DelegatingPlane(PolicyPlane delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped plane. */
    protected final PolicyPlane delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public Duration timeBudget() {
        return delegate.timeBudget();
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        return delegate.evaluate(request, context);
    }

    /** The delegate's answer, unless this wrapper hides the delegate's {@link OutputScreen}: see the class comment. */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        if (delegate instanceof OutputScreen && !(this instanceof OutputScreen)) {
            return PolicyPlane.super.judgesAnswerText(checkpoint); // whenever subscribed
        }
        return delegate.judgesAnswerText(checkpoint);
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public RuleVocabulary vocabulary() {
        return delegate.vocabulary();
    }

    @Override
    public void committed(Settlement settlement) {
        delegate.committed(settlement);
    }

    @Override
    public void aborted(Settlement settlement) {
        delegate.aborted(settlement);
    }
}

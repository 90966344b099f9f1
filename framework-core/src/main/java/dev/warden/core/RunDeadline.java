package dev.warden.core;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The wall-clock instant by which a run — and everything it started: model calls, tool executions, delegated runs,
 * local or remote — must have ended.
 *
 * <p>A deadline only ever moves earlier down a call tree: a delegated run gets the earlier of its caller's deadline and
 * the delegation's own time limit ({@link #earliest}). It travels with the OpenTelemetry {@link Context} the runtime
 * already threads through every checkpoint, tool execution and delegation (as gRPC carries its deadline in its
 * context), so a tool that starts a nested run — the delegate tool — inherits it without new parameters; across HTTP
 * the remaining time is sent as a header and can only shorten the receiver's own limit.
 *
 * <pre>{@code
 * RunDeadline d = RunDeadline.after(Duration.ofSeconds(30), clock);
 * Context otel = d.storeIn(Context.current());
 * if (d.passed(clock)) { ... stop with WardenCodes.RUN_DEADLINE ... }
 * }</pre>
 *
 * @param at the instant after which nothing more may start and everything in flight is cancelled
 */
public record RunDeadline(Instant at) {
    private static final ContextKey<RunDeadline> KEY = ContextKey.named("warden-run-deadline");

    public RunDeadline {
        Objects.requireNonNull(at, "at");
    }

    /** The deadline {@code budget} from now. */
    public static RunDeadline after(Duration budget, Clock clock) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a run budget must be positive, got " + budget);
        }
        return new RunDeadline(clock.instant().plus(budget));
    }

    /** The deadline carried by {@code otel}, if any. */
    public static Optional<RunDeadline> in(Context otel) {
        return Optional.ofNullable(otel == null ? null : otel.get(KEY));
    }

    /** The deadline of the current OpenTelemetry context, if any. */
    public static Optional<RunDeadline> current() {
        return in(Context.current());
    }

    /** The earlier of two deadlines; either may be {@code null}. */
    public static RunDeadline earliest(RunDeadline a, RunDeadline b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.at.isBefore(b.at) ? a : b;
    }

    /** {@code otel} carrying this deadline (replacing any later one it carried; an earlier one is kept). */
    public Context storeIn(Context otel) {
        Context base = otel == null ? Context.root() : otel;
        return base.with(KEY, earliest(this, base.get(KEY)));
    }

    /** Time left; zero once passed. */
    public Duration remaining(Clock clock) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean passed(Clock clock) {
        return !clock.instant().isBefore(at);
    }
}

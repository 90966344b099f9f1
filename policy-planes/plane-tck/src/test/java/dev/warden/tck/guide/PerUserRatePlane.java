package dev.warden.tck.guide;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.PolicyEngine;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.RuleVocabulary;
import dev.warden.spi.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Counts each user's calls of each tool per hour; YAML rules with {@code plane: per-user-rate} decide on the count.
 * The rules live in the application's policy engine, which is built with this plane's vocabulary, hence the engine
 * is handed over as a supplier (in Quarkus: {@code Instance<PolicyEngine>::get}).
 */
public final class PerUserRatePlane implements PolicyPlane {
    public static final String NAME = "per-user-rate";

    private final Supplier<PolicyEngine> engine;
    private final Clock clock;
    /** Calls per "user|tool|hour", reserved when a call is let through and released when it did not happen. */
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    /** Which counter each open consultation reserved, by "run|call id". */
    private final Map<String, String> reserved = new ConcurrentHashMap<>();

    public PerUserRatePlane(Supplier<PolicyEngine> engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return Set.of(Checkpoint.TOOL_CALL);
    }

    /** What rules may use besides the standard variables: {@code calls}, this one included. */
    @Override
    public RuleVocabulary vocabulary() {
        return RuleVocabulary.builder(NAME)
                .variable("calls", RuleVocabulary.Type.INT, "calls of this tool by this user this hour, this one "
                        + "included", (req, ctx) -> count(counter(req, ctx)))
                .build();
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        String counter = counter(request, context);
        counters.computeIfAbsent(counter, k -> new AtomicInteger()).incrementAndGet(); // reserve first: no race
        Decision d = engine.get().evaluate(NAME, request, context);
        if (d instanceof Decision.Allow || d instanceof Decision.Transform || d instanceof Decision.RequireApproval
                || d instanceof Decision.RequireConfirmation) {
            reserved.put(consultation(request, context), counter); // may still happen: keep it counted
        } else {
            counters.get(counter).decrementAndGet(); // refused (or failed) here: it never counted
        }
        return d;
    }

    @Override
    public void committed(Settlement s) {
        reserved.remove(consultation(s.request(), s.context())); // it happened: stays counted
    }

    @Override
    public void aborted(Settlement s) {
        String counter = reserved.remove(consultation(s.request(), s.context()));
        if (counter != null) {
            counters.get(counter).decrementAndGet(); // it did not happen: give the call back
        }
    }

    private int count(String counter) {
        AtomicInteger c = counters.get(counter);
        return c == null ? 0 : c.get();
    }

    private String counter(CheckpointRequest request, GovernanceContext context) {
        long hour = clock.millis() / Duration.ofHours(1).toMillis();
        return context.tenant() + "/" + context.user().id() + "|" + request.toolName() + "|" + hour;
    }

    private static String consultation(CheckpointRequest request, GovernanceContext context) {
        return context.runId() + "|" + request.toolCallId();
    }
}

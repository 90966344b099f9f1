package dev.warden.quarkus.runtime;

import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicyReloadListener;
import dev.warden.spi.AuditSink;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every policy reload attempt after startup, accepted or rejected: logged, appended to the audit trail (checkpoint
 * {@value #CHECKPOINT}, tenant {@code default}, user {@value #ACTOR}) and kept as the latest attempt for readiness
 * and {@code GET /v1/policies/status}. Observes only: a reload it cannot audit has still happened (or not); the failed
 * write is logged as an error.
 */
@Singleton
public class PolicyReloadJournal implements PolicyReloadListener {
    /** The {@code checkpoint} of reload records in the audit trail. */
    public static final String CHECKPOINT = "POLICY_RELOAD";
    /** The {@code userId} of reload records: the runtime itself, not a person. */
    public static final String ACTOR = "warden:policy-reload";

    private static final Logger LOG = Logger.getLogger(PolicyReloadJournal.class);

    /** One attempt as shown by readiness and the API. */
    public record Attempt(Instant at, List<String> sources, boolean accepted, List<PolicyProblem> problems,
            List<String> removals) {}

    private final AuditSink sink;
    private final Clock clock;
    private volatile Attempt last;

    PolicyReloadJournal(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void onReload(Event e) {
        Attempt attempt = new Attempt(clock.instant(), e.sources(), e.accepted(), e.problems(), e.removals());
        last = attempt;
        if (e.accepted() && e.removals().isEmpty()) {
            LOG.infof("Warden policies reloaded from %s", e.sources());
        } else if (e.accepted()) {
            LOG.warnf("Warden policies reloaded from %s, explicitly removing %s", e.sources(), e.removals());
        } else {
            LOG.errorf("%s Warden rejected a policy reload from %s; the previous version keeps serving: %s",
                    PolicyCodes.RELOAD_REJECTED,
                    e.sources(), e.problems());
        }
        try {
            sink.append(record(attempt, e));
        } catch (RuntimeException failed) {
            LOG.errorf(failed, "the policy reload from %s could not be written to the audit trail", e.sources());
        }
    }

    /** The latest attempt since startup, or {@code null}. */
    public Attempt last() {
        return last;
    }

    private static DecisionRecord record(Attempt a, Event e) {
        String code = !a.accepted() ? PolicyCodes.RELOAD_REJECTED
                : a.removals().isEmpty() ? PolicyCodes.RELOAD_ACCEPTED : PolicyCodes.RELOAD_REMOVED;
        String reason = a.accepted()
                ? "policy reload accepted" + (a.removals().isEmpty() ? "" : "; removed on purpose: " + a.removals())
                : "policy reload rejected, previous version keeps serving: " + a.problems().get(0)
                        + (a.problems().size() > 1 ? " (+" + (a.problems().size() - 1) + " more)" : "");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sources", a.sources());
        details.put("problems", a.problems().stream().map(PolicyProblem::toString).toList());
        details.put("removals", a.removals());
        List<String> active = e.active().stream().map(s -> s.name() + "@" + s.version()).toList();
        return new DecisionRecord(null, Principal.DEFAULT_TENANT, null, null, a.at().toString(), null, null, null, 0,
                CHECKPOINT, ACTOR, null, List.of(), null, null, null, details, null,
                (a.accepted() ? Outcome.ALLOW : Outcome.DENY).name(), code, reason, List.of(), active, List.of(), null,
                null, 0);
    }
}

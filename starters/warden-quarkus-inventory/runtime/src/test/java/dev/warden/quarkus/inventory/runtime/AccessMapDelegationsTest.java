package dev.warden.quarkus.inventory.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.Verdict;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.internal.DecisionRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delegations in an agent's access map are attributed to their callee from the record, not its captured arguments. */
class AccessMapDelegationsTest {
    static final Instant T = Instant.parse("2026-12-05T07:00:00Z");
    final GovernanceContext supervisor = GovernanceContext.of(Principal.of("alice", "ops"),
            AgentIdentity.of("supervisor")).withTask(TaskContext.of("run-1"));

    DecisionRecord delegation(String callee, Outcome outcome, boolean captureArguments) {
        CheckpointRequest cp = new CheckpointRequest(Checkpoint.DELEGATION, 1, null, null,
                Map.of("agent", callee, "task", "summarise the quarter"), "summarise the quarter", null, callee,
                Map.of());
        Verdict v = Verdict.humanDecision(cp, outcome == Outcome.ALLOW, "no edge", null, List.of());
        return DecisionRecords.of(cp, supervisor, v, T, null, null, captureArguments);
    }

    @Test
    void delegations_count_under_their_callee_when_arguments_are_not_captured() {
        List<DecisionRecord> trail = List.of(delegation("writer", Outcome.ALLOW, false),
                delegation("writer", Outcome.ALLOW, false), delegation("stranger", Outcome.DENY, false));
        assertThat(trail).allSatisfy(r -> assertThat(r.args()).as("arguments not captured").isNull());

        AccessMap.View map = AccessMap.fold("supervisor", "acme", null, null, trail, false,
                Map.of("writer", "local"));

        assertThat(map.delegations()).extracting(AccessMap.DelegationUse::agent)
                .containsExactly("stranger", "writer");
        AccessMap.DelegationUse writer = map.delegations().get(1);
        assertThat(writer.count()).isEqualTo(2);
        assertThat(writer.declared()).isTrue();
        assertThat(writer.kind()).isEqualTo("local");
        assertThat(map.delegations().get(0).outcomes()).containsEntry("DENY", 1L);
        assertThat(map.delegations().get(0).declared()).isFalse();
    }

    @Test
    void delegations_recorded_before_the_callee_was_recorded_still_count_by_their_captured_argument() {
        DecisionRecord old = delegation("writer", Outcome.ALLOW, true);
        DecisionRecord asBefore = new DecisionRecord(old.seq(), old.tenant(), old.prevHash(), old.hash(), old.time(),
                old.traceId(), old.spanId(), old.runId(), old.step(), old.checkpoint(), old.userId(), old.agentId(),
                old.chain(), null, old.toolCallId(), old.argsDigest(), old.args(), old.contentDigest(), old.outcome(),
                old.code(), old.reason(), old.ruleIds(), old.policies(), old.planes(), old.labelsBefore(),
                old.labelsAfter(), old.latencyMicros());

        AccessMap.View map = AccessMap.fold("supervisor", "acme", null, null, List.of(asBefore), false, Map.of());

        assertThat(map.delegations()).singleElement().extracting(AccessMap.DelegationUse::agent).isEqualTo("writer");
    }
}

package dev.warden.quarkus.inventory.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.SuspendedRun;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.spi.SuspendedRunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrozenApprovalsTest {

    static PendingApproval relayed(String supervisor, String callee, String calleeTool, String delegateTool) {
        return new PendingApproval("ap-1", "run-1", supervisor, "acme", "alice", calleeTool, "call-1", Map.of(),
                "confirm", Set.of(), List.of(), "PUBLIC", Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
                PendingApproval.Kind.CONFIRMATION, "sha256:x", null, null, null,
                new PendingApproval.Relay(callee, "cf-9", delegateTool, Map.of()));
    }

    static Suspension suspension(SuspensionTarget t, String id) {
        return new Suspension("s-" + id, t, id, "why", "sam", Instant.EPOCH, null, null);
    }

    @Test
    void a_confirmation_relayed_from_a_suspended_callee_is_frozen() {
        KillSwitchState state = KillSwitchState.local(Clock.systemUTC());
        PendingApproval p = relayed("supervisor", "writer", "publish", "delegate");
        assertThat(FrozenApprovals.reason(p, state.current())).isEmpty();

        state.apply(suspension(SuspensionTarget.AGENT, "writer"));
        assertThat(FrozenApprovals.reason(p, state.current())).contains("agent 'writer'");
    }

    @Test
    void a_confirmation_relayed_through_a_suspended_delegate_tool_is_frozen() {
        KillSwitchState state = KillSwitchState.local(Clock.systemUTC());
        state.apply(suspension(SuspensionTarget.TOOL, "delegate"));
        assertThat(FrozenApprovals.reason(relayed("supervisor", "writer", "publish", "delegate"), state.current()))
                .contains("tool 'delegate'");
    }

    @Test
    void while_the_shared_state_is_stale_deciding_is_refused_with_the_staleness_code() {
        KillSwitchState never = new KillSwitchState(Clock.systemUTC(), Duration.ofSeconds(5)); // never refreshed
        FrozenApprovals frozen = new FrozenApprovals(new EmptyStore(), never);
        assertThat(never.stale()).isTrue();
        assertThat(frozen.owns("unknown")).as("only calls this store holds").isFalse();
        assertThatThrownBy(() -> frozen.decide("ap-1", null, true, "ok")).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).code()).isEqualTo(InventoryCodes.SUSPENSIONS_STALE));
    }

    /** A store holding nothing. */
    static final class EmptyStore implements SuspendedRunStore {
        @Override
        public void save(SuspendedRun run) {}

        @Override
        public Optional<SuspendedRun> find(String approvalId) {
            return Optional.empty();
        }

        @Override
        public Optional<SuspendedRun> claim(String approvalId) {
            return Optional.empty();
        }

        @Override
        public List<PendingApproval> pending(String tenant) {
            return List.of();
        }
    }
}

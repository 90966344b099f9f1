package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults during an attack: a plane that throws or overruns its time budget at every tool call that changes state. Warden fails closed,
 * so even the attacks the shipped policies miss (known-gaps.yaml) cannot run while a plane is failing.
 */
class FailingPlanesTest {

    static List<Scenario> scenarios;

    @BeforeAll
    static void load() throws Exception {
        scenarios = BankingRedTeamTest.loadScenarios();
    }

    @Test
    void a_plane_that_throws_blocks_every_attack() {
        Scorecard card = new RedTeamRunner(new BankingTarget(BankingGovernance.shippedWith(new FaultyPlane(false))))
                .run(scenarios);
        assertThat(card.successfulAttacks()).isEmpty();
        assertThat(card.stoppedBy().keySet()).anyMatch(k -> k.startsWith("ERROR"));
    }

    @Test
    void a_plane_that_overruns_its_budget_blocks_every_attack() {
        Scorecard card = new RedTeamRunner(new BankingTarget(BankingGovernance.shippedWith(new FaultyPlane(true))))
                .run(scenarios);
        assertThat(card.successfulAttacks()).isEmpty();
        assertThat(card.stoppedBy().keySet()).anyMatch(k -> k.startsWith("ERROR"));
    }

    /** A plug-in plane that fails at every non-read tool call: by throwing, or by overrunning its 1 ms budget. */
    static final class FaultyPlane implements PolicyPlane {
        private final boolean slow;

        FaultyPlane(boolean slow) {
            this.slow = slow;
        }

        @Override
        public String name() {
            return slow ? "slow-plugin" : "broken-plugin";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return EnumSet.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Duration timeBudget() {
            return Duration.ofMillis(1);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            if (request.tool() != null && request.tool().effects().equals(Set.of(dev.warden.core.Effect.READ))) {
                return Decision.allow(name()); // reads work, so the injection is delivered
            }
            if (!slow) {
                throw new IllegalStateException("plug-in backend unavailable");
            }
            LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
            return Decision.allow(name());
        }
    }
}

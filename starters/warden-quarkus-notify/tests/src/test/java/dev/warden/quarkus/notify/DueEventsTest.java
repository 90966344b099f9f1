package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.agent.PendingApproval;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When escalations and expiry warnings fall due (pure, so every replica agrees). */
class DueEventsTest {
    final DueEvents due = new DueEvents(Duration.ofMinutes(10), Duration.ofMinutes(15), List.of("head-of-payments",
            "cfo"));
    final PendingApproval p = Notices.approval("ap-1", "PUBLIC/TRUSTED"); // requested T0, expires T0 + 1h

    List<String> at(PendingApproval a, Duration after) {
        return due.at(a, Notices.T0.plus(after)).stream().map(d -> d.event().key() + d.level() + d.roles()).toList();
    }

    @Test
    void the_nth_escalation_falls_due_n_delays_after_the_request_and_goes_to_the_nth_role() {
        assertThat(at(p, Duration.ofMinutes(14))).isEmpty();
        assertThat(at(p, Duration.ofMinutes(15))).containsExactly("escalated1[head-of-payments]");
        assertThat(at(p, Duration.ofMinutes(31))).containsExactly("escalated1[head-of-payments]", "escalated2[cfo]");
    }

    @Test
    void the_expiry_warning_falls_due_before_expiry_and_nothing_is_due_once_expired() {
        assertThat(at(p, Duration.ofMinutes(50))).containsExactly("expiring0[manager]", "escalated1[head-of-payments]",
                "escalated2[cfo]");
        assertThat(at(p, Duration.ofMinutes(60))).isEmpty();
    }

    @Test
    void a_lifetime_shorter_than_the_warning_gets_no_warning() {
        PendingApproval shortLived = new PendingApproval("ap-2", "run", "bank-agent", "default", "alice", "send_money",
                "c", Map.of(), "r", Set.of("manager"), List.of(), "PUBLIC/TRUSTED", Notices.T0,
                Notices.T0.plus(Duration.ofMinutes(5)));
        assertThat(at(shortLived, Duration.ofMinutes(4))).isEmpty();
    }

    @Test
    void confirmations_are_never_escalated_to_other_people() {
        PendingApproval c = new PendingApproval("ap-3", "run", "bank-agent", "default", "alice", "send_money", "c",
                Map.of(), "r", Set.of(), List.of(), "PUBLIC/TRUSTED", Notices.T0, Notices.T0.plusSeconds(3600),
                PendingApproval.Kind.CONFIRMATION, null, null, null);
        assertThat(at(c, Duration.ofMinutes(40))).isEmpty();
        assertThat(at(c, Duration.ofMinutes(55))).containsExactly("expiring0[]");
    }
}

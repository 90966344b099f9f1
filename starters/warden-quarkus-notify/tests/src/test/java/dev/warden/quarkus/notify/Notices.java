package dev.warden.quarkus.notify;

import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.AuditRedaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pending approvals and notices for the tests. */
final class Notices {
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private Notices() {}

    static PendingApproval approval(String id, String contextLabels) {
        return new PendingApproval(id, "run-" + id, "bank-agent", "default", "alice", "send_money", "call-1",
                Map.of("recipient", "DE89370400440532013000", "amount", 900), "transfers need a manager",
                Set.of("manager"), List.of("transfer-approval"), contextLabels, T0, T0.plusSeconds(3600));
    }

    static NoticeFactory factory(boolean includeArguments, List<String> redactLabels) {
        return new NoticeFactory("https://console.bank.example/", "/warden/approvals/{id}", includeArguments,
                AuditRedaction.of(redactLabels), p -> "HIGH");
    }

    static ApprovalNotice requested(String id) {
        return factory(false, List.of()).notice(approval(id, "PUBLIC/TRUSTED"), ApprovalNotice.Event.REQUESTED, 0,
                List.of("manager"), T0, null);
    }
}

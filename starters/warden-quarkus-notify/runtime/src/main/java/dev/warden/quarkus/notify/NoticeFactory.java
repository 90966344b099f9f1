package dev.warden.quarkus.notify;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.AuditRedaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a pending approval and an event into the {@link ApprovalNotice} people will see. What may appear is decided
 * here, once, for every channel: no requester or approver ids, no request text, and argument values only when
 * {@code include-arguments} is on, the argument is not SECRET and the run's labels at the call are not covered by the
 * audit's redaction setting ({@code warden.audit.redact-labels}); a label that cannot be read withholds (fail closed).
 */
final class NoticeFactory {
    private final String baseUrl;
    private final String linkPath;
    private final boolean includeArguments;
    private final AuditRedaction redaction;
    private final Function<PendingApproval, String> risk;

    NoticeFactory(String baseUrl, String linkPath, boolean includeArguments, AuditRedaction redaction,
            Function<PendingApproval, String> risk) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.linkPath = linkPath.startsWith("/") ? linkPath : "/" + linkPath;
        this.includeArguments = includeArguments;
        this.redaction = redaction;
        this.risk = risk;
    }

    ApprovalNotice notice(PendingApproval a, ApprovalNotice.Event event, int level, List<String> notifiedRoles,
            Instant at, ApprovalOutcome outcome) {
        return new ApprovalNotice(ApprovalNotice.idOf(a.approvalId(), event, level), event, level, a.approvalId(),
                a.kind().name(), a.tenant(), a.agentId(), a.toolName(), risk.apply(a), a.reason(), a.ruleIds(),
                a.approverRoles().stream().sorted().toList(), List.copyOf(notifiedRoles), a.requestedAt().toString(),
                a.expiresAt().toString(), at.toString(), link(a.approvalId()),
                outcome == null ? null : outcome.status().name(), outcome == null ? null : outcome.code(),
                arguments(a));
    }

    String link(String approvalId) {
        return baseUrl + linkPath.replace("{id}", java.net.URLEncoder.encode(approvalId,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private Map<String, Object> arguments(PendingApproval a) {
        boolean values = includeArguments && !covered(a.contextLabels());
        Map<String, Object> out = new LinkedHashMap<>();
        a.shownArguments().forEach((name, value) -> out.put(name,
                values && !a.secretArguments().contains(name) ? value : ApprovalNotice.WITHHELD));
        return out;
    }

    /** Whether the run's labels at the call keep its values out of records; unreadable labels do. */
    boolean covered(String contextLabels) {
        Labels labels = parse(contextLabels);
        return labels == null ? true : redaction.covers(labels);
    }

    /** Reads {@link Labels#toString()}: {@code LEVEL[CAT,…]/INTEGRITY}; {@code null} when it cannot. */
    static Labels parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int slash = text.lastIndexOf('/');
            String head = slash < 0 ? text : text.substring(0, slash);
            int bracket = head.indexOf('[');
            Confidentiality level = Confidentiality.valueOf(bracket < 0 ? head : head.substring(0, bracket));
            List<String> categories = bracket < 0 ? List.of()
                    : Arrays.stream(head.substring(bracket + 1, head.length() - 1).split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList();
            return Labels.of(level, categories);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

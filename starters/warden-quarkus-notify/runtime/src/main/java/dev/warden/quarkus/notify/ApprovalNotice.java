package dev.warden.quarkus.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.warden.core.audit.CanonicalJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a notification says — the JSON body of a webhook and the content of an e-mail. It carries no user ids, no
 * user request text and, unless {@code warden.notify.include-arguments} allows it for this call, no argument values:
 * the approver follows {@link #link()} to the console (which checks who they are) for the rest.
 *
 * @param id the event's stable id ({@code <approvalId>:<event>[:<level>]}); a delivery's idempotency key adds the
 *     channel
 * @param event what happened
 * @param level the escalation step (1, 2…); 0 for other events
 * @param approvalId the approval or confirmation
 * @param kind {@code APPROVAL} or {@code CONFIRMATION}
 * @param tenant the tenant it belongs to
 * @param agentId the agent that asked
 * @param tool the tool that would run
 * @param risk the tool's declared risk ({@code LOW}…{@code CRITICAL}), or {@code null} when unknown
 * @param reason the policy's reason for asking
 * @param ruleIds the rules that asked
 * @param approverRoles who may approve (empty: anyone but the requester)
 * @param notifiedRoles the roles this notice is for (the approver roles, or the escalation step's role)
 * @param requestedAt when the call was suspended (ISO-8601)
 * @param expiresAt when it turns into a denial (ISO-8601)
 * @param occurredAt when this event happened (ISO-8601)
 * @param link the console page of the approval
 * @param outcome for {@code decided}/{@code expired}: {@code APPROVED}, {@code DENIED}, {@code CONFIRMED},
 *     {@code DECLINED} or {@code EXPIRED}
 * @param code the stable code of a refusal, if any
 * @param arguments the call's argument names, each with its value where allowed or {@link #WITHHELD}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalNotice(String id, Event event, int level, String approvalId, String kind, String tenant,
        String agentId, String tool, String risk, String reason, List<String> ruleIds, List<String> approverRoles,
        List<String> notifiedRoles, String requestedAt, String expiresAt, String occurredAt, String link,
        String outcome, String code, Map<String, Object> arguments) {

    /** The value shown for an argument whose value a notice must not carry. */
    public static final String WITHHELD = "[withheld]";

    /** The events notified. */
    public enum Event {
        /** A call waits for an approver (or the requester's confirmation). */
        REQUESTED,
        /** It will expire within {@code warden.notify.expiring-warning}. */
        EXPIRING,
        /** Still undecided after an escalation delay: the next role of the chain is told. */
        ESCALATED,
        /** Approved, denied, confirmed or declined. */
        DECIDED,
        /** Nobody decided in time; the call was refused. */
        EXPIRED;

        /** The lower-case name used in config and ids. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The stable id of an approval's event. */
    public static String idOf(String approvalId, Event event, int level) {
        return approvalId + ":" + event.key() + (level > 0 ? ":" + level : "");
    }

    public String toJson() {
        try {
            return CanonicalJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notice " + id, e);
        }
    }

    public static ApprovalNotice fromJson(String json) {
        try {
            return CanonicalJson.MAPPER.readValue(json, ApprovalNotice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored notice", e);
        }
    }
}

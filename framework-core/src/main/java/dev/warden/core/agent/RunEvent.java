package dev.warden.core.agent;

import java.util.Objects;

/**
 * What a streaming run reports as it goes ({@link GovernedAgent#stream}), in order. Every event names its run. The last
 * event of a stream is exactly one of {@link Completed}, {@link Refused} or {@link ApprovalNeeded} (the run is
 * suspended; its resumption reports on, starting with {@link ApprovalDecided}).
 *
 * <p>{@link Token}s carry only text that passed the hold-back window's screens (decision 0035): the concatenation of a
 * run's tokens is exactly what {@code AGENT_OUTPUT} audited as delivered.
 */
public sealed interface RunEvent {
    String runId();

    /** The event's name on the wire (Server-Sent Events {@code event:} field). */
    String type();

    /** Whether this event ends the stream it is on. */
    default boolean terminal() {
        return false;
    }

    /** Answer text, released by the hold-back window. */
    record Token(String runId, int step, String text) implements RunEvent {
        public String type() {
            return "token";
        }
    }

    /** The model asked for a tool; it runs only if {@code TOOL_CALL} lets it (the next {@link Decision} says). */
    record ToolCallRequested(String runId, int step, String toolCallId, String tool) implements RunEvent {
        public String type() {
            return "tool-call-requested";
        }
    }

    /** A checkpoint's verdict (the planes' verdicts, as the run's decision list reports them). */
    record Decision(String runId, DecisionSummary decision) implements RunEvent {
        public String type() {
            return "decision";
        }
    }

    /** The run is suspended until an approver (or the requester, for a confirmation) decides. */
    record ApprovalNeeded(String runId, PendingApproval approval, RunResult result) implements RunEvent {
        public String type() {
            return "approval-needed";
        }

        public boolean terminal() {
            return true;
        }
    }

    /** A human decided a pending call of this run; the resumed run reports on. */
    record ApprovalDecided(String runId, String approvalId, boolean approved, String by) implements RunEvent {
        public String type() {
            return "approval-decided";
        }
    }

    /** The run completed; {@code result.output()} is what was delivered. */
    record Completed(String runId, RunResult result) implements RunEvent {
        public String type() {
            return "completed";
        }

        public boolean terminal() {
            return true;
        }
    }

    /** The run ended without completing (refused, failed, timed out or cancelled); {@code code} says why. */
    record Refused(String runId, String code, String reason, RunResult result) implements RunEvent {
        public Refused {
            Objects.requireNonNull(result, "result");
        }

        public String type() {
            return "refused";
        }

        public boolean terminal() {
            return true;
        }
    }

    /** The terminal event that reports {@code result}: completed, approval-needed or refused. */
    static RunEvent ending(RunResult result) {
        return switch (result.status()) {
            case COMPLETED -> new Completed(result.runId(), result);
            case AWAITING_APPROVAL, AWAITING_CONFIRMATION -> new ApprovalNeeded(result.runId(), result.approval(),
                    result);
            default -> new Refused(result.runId(), result.code(), result.output(), result);
        };
    }
}

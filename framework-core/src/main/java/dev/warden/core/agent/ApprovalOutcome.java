package dev.warden.core.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * How a pending approval or confirmation ended, as {@link dev.warden.spi.ApprovalObserver}s learn it.
 *
 * @param status what happened
 * @param decidedBy the approver or requester who answered; {@code null} when it expired
 * @param comment the approver's comment, if any
 * @param at when it was resolved
 * @param code the stable code of a refusal ({@code WARDEN-CORE-0012} for an expired approval…); {@code null} when the
 *     call may run
 */
public record ApprovalOutcome(Status status, String decidedBy, String comment, Instant at, String code) {

    /** What happened to the pending call. */
    public enum Status {
        APPROVED, DENIED, CONFIRMED, DECLINED, EXPIRED;

        /** Whether the call may run. */
        public boolean proceeds() {
            return this == APPROVED || this == CONFIRMED;
        }
    }

    public ApprovalOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}

package dev.warden.core.agent;

import dev.warden.core.Principal;
import java.util.Objects;

/**
 * The requester's answer to a pending {@link PendingApproval.Kind#CONFIRMATION}.
 *
 * @param confirm true to run the call, false to decline it
 * @param requester the authenticated caller; must be the user on whose behalf the run acts
 * @param argumentsDigest the {@link PendingApproval#argumentsDigest()} the requester was shown; required to confirm,
 *     so that a confirmation never covers arguments other than the ones seen
 * @param continueRun when declining: {@code false} ends the run ({@code WARDEN-CORE-0220}); {@code true} ("not this,
 *     carry on") refuses only this call — the model is told the user declined it, and every later call is decided
 *     afresh, a repeat of the declined one included
 */
public record ConfirmationResolution(boolean confirm, Principal requester, String argumentsDigest,
        boolean continueRun) {
    public ConfirmationResolution {
        Objects.requireNonNull(requester, "requester");
    }

    /** An answer that, when it declines, ends the run. */
    public ConfirmationResolution(boolean confirm, Principal requester, String argumentsDigest) {
        this(confirm, requester, argumentsDigest, false);
    }

    public static ConfirmationResolution confirm(Principal requester, String argumentsDigest) {
        return new ConfirmationResolution(true, requester, argumentsDigest);
    }

    public static ConfirmationResolution decline(Principal requester) {
        return new ConfirmationResolution(false, requester, null);
    }

    /** Declines this call only: the run goes on without it. */
    public static ConfirmationResolution declineAndContinue(Principal requester) {
        return new ConfirmationResolution(false, requester, null, true);
    }
}

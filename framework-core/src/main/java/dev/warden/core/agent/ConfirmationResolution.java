package dev.warden.core.agent;

import dev.warden.core.Principal;
import java.util.Objects;

/**
 * The requester's answer to a pending {@link PendingApproval.Kind#CONFIRMATION}.
 *
 * @param confirm true to run the call, false to decline it (which ends the run)
 * @param requester the authenticated caller; must be the user on whose behalf the run acts
 * @param argumentsDigest the {@link PendingApproval#argumentsDigest()} the requester was shown; required to confirm,
 *     so that a confirmation never covers arguments other than the ones seen
 */
public record ConfirmationResolution(boolean confirm, Principal requester, String argumentsDigest) {
    public ConfirmationResolution {
        Objects.requireNonNull(requester, "requester");
    }

    public static ConfirmationResolution confirm(Principal requester, String argumentsDigest) {
        return new ConfirmationResolution(true, requester, argumentsDigest);
    }

    public static ConfirmationResolution decline(Principal requester) {
        return new ConfirmationResolution(false, requester, null);
    }
}

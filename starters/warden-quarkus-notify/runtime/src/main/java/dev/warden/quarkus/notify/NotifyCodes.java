package dev.warden.quarkus.notify;

/** Stable codes of approval notifications ({@code WARDEN-NTF-0645}…{@code 0659}). */
public final class NotifyCodes {
    private NotifyCodes() {}

    /** Notifications are enabled but misconfigured (no URL, no or weak key, unknown outbox); startup stops. */
    public static final String BAD_CONFIG = "WARDEN-NTF-0645";
    /** An enabled webhook has no signing key; startup stops. */
    public static final String WEBHOOK_KEY_MISSING = "WARDEN-NTF-0646";
    /** A notification could not be delivered after every retry (audited and logged; the run is not affected). */
    public static final String DELIVERY_FAILED = "WARDEN-NTF-0647";
    /** The hand-off queue was full and a notification was dropped (logged; the run is not affected). */
    public static final String QUEUE_FULL = "WARDEN-NTF-0648";
    /** A notification was delivered (audit record). */
    public static final String DELIVERED = "WARDEN-NTF-0649";
    /** An undecided approval was escalated to another role (audit record). */
    public static final String ESCALATED = "WARDEN-NTF-0650";
    /** The outbox could not be written or read (logged; retried at the next scan). */
    public static final String OUTBOX_FAILED = "WARDEN-NTF-0651";
    /** The receiver refused a webhook for good (a 4xx other than 408/429): not retried. */
    public static final String WEBHOOK_REJECTED = "WARDEN-NTF-0652";

    /** {@code "[code] message"}. */
    public static String message(String code, String text) {
        return "[" + code + "] " + text;
    }
}

package dev.warden.quarkus.console;

/** Stable codes of the console's own refusals (WARDEN-CON-0630…0644); one place, never renumbered. */
public final class ConsoleCodes {
    /** A console form was posted without the CSRF token of the browser's console cookie (403). */
    public static final String CSRF_MISMATCH = "WARDEN-CON-0630";
    /** A token pasted at the login page did not verify (signature, issuer, audience, expiry). */
    public static final String TOKEN_REJECTED = "WARDEN-CON-0631";
    /** The demo user picker was used where development tokens are disabled (prod, or not configured). */
    public static final String DEMO_LOGIN_DISABLED = "WARDEN-CON-0632";
    /** The console is switched off ({@code warden.console.enabled=false}). */
    public static final String CONSOLE_DISABLED = "WARDEN-CON-0633";
    /** The kill switch needs {@code warden.console.kill-switch-role}. */
    public static final String KILL_SWITCH_FORBIDDEN = "WARDEN-CON-0634";
    /** The kill switch was pressed but no inventory module is installed to carry it out. */
    public static final String INVENTORY_NOT_INSTALLED = "WARDEN-CON-0635";
    /** A console form field is missing or malformed (a comment too long, a time that is not a time...). */
    public static final String BAD_FORM = "WARDEN-CON-0636";
    /** The run's timeline cannot be read from the audit store (write-only sink or store down); the cached view shows. */
    public static final String TIMELINE_UNAVAILABLE = "WARDEN-CON-0637";

    private ConsoleCodes() {}
}

package dev.warden.redteam;

import java.util.Locale;

/** How the (scripted) model behaves in a run. */
public enum Strategy {
    /** Does the user's task in an environment without the injection: measures utility. */
    BENIGN,
    /** Does the user's task and follows the injected instruction verbatim: a fully gullible model. */
    OBEDIENT,
    /**
     * Tries the attack's variants, one fresh run each (split amounts, re-encoded IBANs, another tool with the same
     * effect, data smuggled in a subject, acting before any untrusted content); the scenario counts as a success when
     * any variant reaches the goal.
     */
    ADAPTIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

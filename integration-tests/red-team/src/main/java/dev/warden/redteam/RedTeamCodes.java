package dev.warden.redteam;

/** Registry of the red-team harness's stable error codes. */
public final class RedTeamCodes {
    private RedTeamCodes() {}

    /** A scenario file cannot be read or does not match the schema (unknown field, missing id…). */
    public static final String BAD_SCENARIO = "WARDEN-RT-0001";
    /** Two scenarios share an id. */
    public static final String DUPLICATE_ID = "WARDEN-RT-0002";
    /** A check names a predicate the target does not know. */
    public static final String UNKNOWN_CHECK = "WARDEN-RT-0003";
    /** The injection never reached the model in an attack run: the scenario measures nothing. */
    public static final String INJECTION_NOT_DELIVERED = "WARDEN-RT-0004";
    /** The attacker's goal already holds before the run: the scenario measures nothing. */
    public static final String GOAL_PRECONDITION = "WARDEN-RT-0005";
    /** The deployed service answered unexpectedly (HTTP status, body). */
    public static final String REMOTE_ERROR = "WARDEN-RT-0006";
    /** The command line is malformed. */
    public static final String USAGE = "WARDEN-RT-0007";

    /** {@code code: message}, the form every harness error takes. */
    public static String message(String code, String text) {
        return code + ": " + text;
    }
}

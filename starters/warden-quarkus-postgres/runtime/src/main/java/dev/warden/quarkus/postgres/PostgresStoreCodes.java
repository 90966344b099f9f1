package dev.warden.quarkus.postgres;

/** Stable error codes of the PostgreSQL stores (the one registry of this module). */
public final class PostgresStoreCodes {
    private PostgresStoreCodes() {}

    /** A store method was called on a Vert.x event-loop thread, where it would block. */
    public static final String EVENT_LOOP_BLOCKED = "WARDEN-PG-0001";
    /** A decision record could not be committed; the decision must not be acted on. */
    public static final String AUDIT_WRITE_FAILED = "WARDEN-PG-0002";
    /** The async audit queue stayed full for the whole append timeout (back-pressure gave up). */
    public static final String AUDIT_QUEUE_FULL = "WARDEN-PG-0003";
    /** The audit store is closed. */
    public static final String AUDIT_STORE_CLOSED = "WARDEN-PG-0004";
    /** Reading the audit trail or the approvals failed. */
    public static final String READ_FAILED = "WARDEN-PG-0005";
    /** An approval could not be saved or claimed. */
    public static final String APPROVAL_WRITE_FAILED = "WARDEN-PG-0006";
    /** Bad configuration (schema name, durability, key). */
    public static final String BAD_CONFIG = "WARDEN-PG-0007";
    /** The schema migration failed at startup. */
    public static final String MIGRATION_FAILED = "WARDEN-PG-0008";

    /**
     * A stored conversation could not be read (database fault, unreadable message): the run that continues it is
     * refused rather than run as if its memory held nothing.
     */
    public static final String CONVERSATION_READ_FAILED = "WARDEN-PG-0540";
    /** A conversation could not be saved; what is stored stays as it was (messages and labels together). */
    public static final String CONVERSATION_WRITE_FAILED = "WARDEN-PG-0541";

    static String message(String code, String text) {
        return code + ": " + text;
    }
}

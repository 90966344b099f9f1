package dev.warden.core.audit;

/**
 * Result of verifying an audit trail.
 *
 * @param valid whether every tenant's chain is intact
 * @param records number of records read
 * @param firstBrokenSeq sequence number at which the first break was found (the expected one for gaps), else null
 * @param tenant tenant whose chain broke, else null
 * @param message what is wrong, else null
 */
public record ChainVerification(boolean valid, long records, Long firstBrokenSeq, String tenant, String message) {
    public static ChainVerification ok(long records) {
        return new ChainVerification(true, records, null, null, null);
    }
}

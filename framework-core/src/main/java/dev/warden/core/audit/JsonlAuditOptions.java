package dev.warden.core.audit;

/**
 * How a {@link JsonlAuditSink} writes and opens its file.
 *
 * @param fsync force every record (and its signed head) to disk before {@code append} returns
 * @param headKey HMAC key (at least 16 bytes) signing the file's head in {@code <file>.head} on every append, so a cut
 *     or rewritten tail is reported by {@code verify}; {@code null}: unsigned (tail changes go unnoticed)
 * @param repairTornTail on open, truncate a cut-off last line (moved to {@code <file>.torn-<millis>}) and write an
 *     audit record about it, instead of refusing to open
 * @param adoptUnsigned on open, sign the heads of a file that has records but no head file (one written before signing
 *     was configured) and write an audit record about it, instead of refusing to open
 * @param forceEveryHead force the signed head after every batch (three forced writes per batch, as before decision
 *     0047), instead of every {@code 256} records where the platform names its boot; after a crash of the machine at
 *     most one batch is then past the head
 * @param commitDelay longest wait of a batch's writer for the barriers of runs whose deferred records it is about to
 *     write, so that they share its forced write (decision 0057); zero: never wait; {@code null}: the default,
 *     {@value #DEFAULT_COMMIT_DELAY_MICROS} µs, or {@code -Dwarden.audit.jsonl.commit-delay-micros}
 */
public record JsonlAuditOptions(boolean fsync, byte[] headKey, boolean repairTornTail, boolean adoptUnsigned,
        boolean forceEveryHead, java.time.Duration commitDelay) {
    /** The commit delay unless configured: about the time from a deferred record to its run's next checkpoint. */
    public static final long DEFAULT_COMMIT_DELAY_MICROS = 200;

    public JsonlAuditOptions(boolean fsync, byte[] headKey, boolean repairTornTail, boolean adoptUnsigned) {
        this(fsync, headKey, repairTornTail, adoptUnsigned, false);
    }

    public JsonlAuditOptions(boolean fsync, byte[] headKey, boolean repairTornTail, boolean adoptUnsigned,
            boolean forceEveryHead) {
        this(fsync, headKey, repairTornTail, adoptUnsigned, forceEveryHead, null);
    }

    /** The commit delay in nanoseconds, the default resolved. */
    long commitDelayNanos() {
        return commitDelay != null ? Math.max(0, commitDelay.toNanos())
                : Long.getLong("warden.audit.jsonl.commit-delay-micros", DEFAULT_COMMIT_DELAY_MICROS) * 1_000L;
    }

    /** No head signing, no repair: a plain hash-chained file. */
    public static JsonlAuditOptions unsigned(boolean fsync) {
        return new JsonlAuditOptions(fsync, null, false, false);
    }

    /** Head signed with {@code key}; no repair on open. */
    public static JsonlAuditOptions signed(boolean fsync, byte[] key) {
        return new JsonlAuditOptions(fsync, key, false, false);
    }

    public JsonlAuditOptions withRepairTornTail(boolean repair) {
        return new JsonlAuditOptions(fsync, headKey, repair, adoptUnsigned, forceEveryHead, commitDelay);
    }

    public JsonlAuditOptions withAdoptUnsigned(boolean adopt) {
        return new JsonlAuditOptions(fsync, headKey, repairTornTail, adopt, forceEveryHead, commitDelay);
    }

    public JsonlAuditOptions withForceEveryHead(boolean force) {
        return new JsonlAuditOptions(fsync, headKey, repairTornTail, adoptUnsigned, force, commitDelay);
    }

    public JsonlAuditOptions withCommitDelay(java.time.Duration delay) {
        return new JsonlAuditOptions(fsync, headKey, repairTornTail, adoptUnsigned, forceEveryHead, delay);
    }
}

package dev.warden.core.audit;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link JsonlGroupCommit} did since it opened: batches (each one forced write of the records), the records
 * they carried, appends that waited for durability and how many of those parked, deferred appends, batches the
 * flusher wrote and batches whose writer waited for runs about to arrive ({@link JsonlAuditOptions#commitDelay()}).
 * Logged when the sink closes; cheap enough to count always (striped counters, no lock).
 */
final class JsonlCommitStats {
    final LongAdder batches = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder barriers = new LongAdder();
    final LongAdder parked = new LongAdder();
    final LongAdder deferred = new LongAdder();
    final LongAdder flusherBatches = new LongAdder();
    final LongAdder delayed = new LongAdder();

    /** A snapshot, in the order of the fields. */
    long[] snapshot() {
        return new long[] {batches.sum(), records.sum(), barriers.sum(), parked.sum(), deferred.sum(),
                flusherBatches.sum(), delayed.sum()};
    }

    @Override
    public String toString() {
        long[] s = snapshot();
        return String.format(java.util.Locale.ROOT, "%d records in %d batches (%.2f per batch; %d written by the"
                + " flusher, %d after waiting for runs about to arrive); %d appends waited for durability (%d"
                + " parked), %d deferred", s[1], s[0], s[0] == 0 ? 0.0 : (double) s[1] / s[0], s[5], s[6], s[2],
                s[3], s[4]);
    }
}

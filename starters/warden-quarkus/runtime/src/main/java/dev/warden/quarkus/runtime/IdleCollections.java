package dev.warden.quarkus.runtime;

/**
 * What follows each collection the JVM reports, when the service returns memory when idle (decision 0064): nothing,
 * a native-heap trim, or — once per idle period — a compacting collection and then the trim.
 *
 * <p>G1's periodic collection is a concurrent cycle: it can shrink the heap only down to what is still <em>used</em>,
 * and while the service is idle no mixed collection follows to empty the old regions the cycle found dead, so the heap
 * stays at the size the last burst left it in (after 10k runs of the banking sample: 72 MiB committed for a 35 MiB
 * live set). One full collection right after the first idle collection compacts the heap to its live set and lets
 * {@code MaxHeapFreeRatio} shrink it. It runs once per idle period: only when another collection (the service
 * allocating) happened since the last compaction, so an idle service does not compact every interval.
 *
 * <p>Thread-safe: the JVM delivers collection notifications on one thread, but nothing here relies on that.
 */
final class IdleCollections {
    /** The GC cause HotSpot reports for a collection started by {@code G1PeriodicGCInterval}. */
    static final String PERIODIC_CAUSE = "G1 Periodic Collection";
    /** The GC cause of {@code System.gc()} (and of this class's own compaction). */
    static final String EXPLICIT_CAUSE = "System.gc()";

    /** What to do after a collection. */
    enum Next {
        /** Nothing: the service is busy, or an idle period already compacted. */
        NOTHING,
        /** Return freed C-heap memory to the OS. */
        TRIM,
        /** Run one full collection (then trim, where trimming is on). */
        COMPACT
    }

    private final boolean compact;
    private final boolean trim;
    private boolean allocatedSinceCompaction = true; // the start itself leaves garbage behind

    IdleCollections(boolean compact, boolean trim) {
        this.compact = compact;
        this.trim = trim;
    }

    /** The step after a collection with this cause. */
    synchronized Next after(String cause) {
        if (PERIODIC_CAUSE.equals(cause)) {
            if (compact && allocatedSinceCompaction) {
                allocatedSinceCompaction = false;
                return Next.COMPACT;
            }
            return trim ? Next.TRIM : Next.NOTHING;
        }
        if (!EXPLICIT_CAUSE.equals(cause)) {
            allocatedSinceCompaction = true; // a collection the service's allocation caused
        }
        return Next.NOTHING;
    }
}

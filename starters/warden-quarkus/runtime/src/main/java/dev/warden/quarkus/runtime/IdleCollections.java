package dev.warden.quarkus.runtime;

/**
 * What follows each collection the JVM reports, when the service returns memory when idle (decision 0064): nothing,
 * a native-heap trim, or a compacting collection (then the trim).
 *
 * <p>G1's periodic collection is a concurrent cycle: it shrinks the heap only down to what is still <em>used</em>,
 * and while the service is idle no mixed collection follows to empty the old regions the cycle found dead, so the heap
 * stays near the size the last burst left it at (after 10k runs of the banking sample: 72 MiB committed for a ~36 MiB
 * live set). One full collection after an idle collection compacts the heap to its live set and lets
 * {@code MaxHeapFreeRatio} shrink it. It runs only when the committed heap has grown by more than a quarter over the
 * largest size an idle collection found since the last compaction: an idle service, whose periodic cycles themselves
 * cause small young collections that grow a tightly compacted heap by a few regions (36 → 44 → 52 MiB after a
 * compaction to the live set, decision 0071), is not compacted again at every interval.
 *
 * <p>Thread-safe: collection notifications and the compaction's end arrive on different threads.
 */
final class IdleCollections {
    /** The GC cause HotSpot reports for a collection started by {@code G1PeriodicGCInterval}. */
    static final String PERIODIC_CAUSE = "G1 Periodic Collection";
    /** Growth of the committed heap since the last compaction that makes an idle collection compact again. */
    static final double GROWTH = 1.25;

    /** What to do after a collection. */
    enum Next {
        /** Nothing: the service is busy (not an idle collection). */
        NOTHING,
        /** Return freed C-heap memory to the OS. */
        TRIM,
        /** Run one full collection (then trim, where trimming is on), and report its end to {@link #compacted}. */
        COMPACT
    }

    private final boolean compact;
    private final boolean trim;
    private long idleSize; // 0 until the first compaction: the start itself leaves garbage behind
    private boolean compacting;

    IdleCollections(boolean compact, boolean trim) {
        this.compact = compact;
        this.trim = trim;
    }

    /** The step after a collection with this cause, the heap now having {@code committedHeap} bytes committed. */
    synchronized Next after(String cause, long committedHeap) {
        if (!PERIODIC_CAUSE.equals(cause)) {
            return Next.NOTHING;
        }
        if (compact && !compacting && committedHeap > idleSize * GROWTH) {
            compacting = true;
            return Next.COMPACT;
        }
        if (!compacting && idleSize > 0) {
            idleSize = Math.max(idleSize, committedHeap); // the idle service's own breathing (decision 0071)
        }
        return trim && !compacting ? Next.TRIM : Next.NOTHING;
    }

    /** A compaction ended, leaving {@code committedHeap} bytes of heap committed. */
    synchronized void compacted(long committedHeap) {
        compacting = false;
        idleSize = committedHeap;
    }
}

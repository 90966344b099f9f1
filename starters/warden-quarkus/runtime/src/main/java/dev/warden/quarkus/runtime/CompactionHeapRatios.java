package dev.warden.quarkus.runtime;

import com.sun.management.VMOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Lowers G1's heap free ratios for the idle compaction only (decision 0071), and puts them back after it.
 *
 * <p>A full collection resizes the heap by {@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio}, counting whole regions:
 * with the idle ratios (10/20) and 4 MiB regions the banking sample's compaction left 60 MiB committed for 39 MiB used.
 * With {@code MaxHeapFreeRatio} at {@code warden.runtime.memory.compaction-max-heap-free-ratio} (and
 * {@code MinHeapFreeRatio} not above it) for that one collection, the heap shrinks to about its live set; afterwards the
 * idle ratios apply again, so the next burst grows the heap as before.
 *
 * <p>Flags the operator set are kept (only origins {@code DEFAULT} and {@code MANAGEMENT}, i.e. set by
 * {@link IdleMemoryReturn} at start, are changed). A JVM that refuses a flag is logged once; the compaction runs
 * anyway with the ratios it has. Not thread-safe: used by the single compaction thread.
 */
final class CompactionHeapRatios {
    private static final Logger LOG = Logger.getLogger(CompactionHeapRatios.class);
    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";

    private final Function<String, VMOption> current;
    private final BiConsumer<String, String> set;
    private final int maxFree;
    private boolean warned;

    CompactionHeapRatios(Function<String, VMOption> current, BiConsumer<String, String> set, int maxFree) {
        if (maxFree < 0 || maxFree > 100) {
            throw new IllegalArgumentException("warden.runtime.memory.compaction-max-heap-free-ratio must be within "
                    + "0..100 (was " + maxFree + ")");
        }
        this.current = current;
        this.set = set;
        this.maxFree = maxFree;
    }

    /** Lowers the ratios where that is ours to do; returns what puts them back (run it after the collection). */
    Runnable lower() {
        Deque<Map.Entry<String, String>> undo = new ArrayDeque<>();
        try {
            VMOption min = current.apply(MIN);
            VMOption max = current.apply(MAX);
            if (!ours(min) || !ours(max) || Integer.parseInt(max.getValue()) <= maxFree) {
                return () -> { };
            }
            // the minimum first: HotSpot refuses a maximum below the current minimum
            if (Integer.parseInt(min.getValue()) > maxFree) {
                set.accept(MIN, Integer.toString(maxFree));
                undo.push(Map.entry(MIN, min.getValue()));
            }
            set.accept(MAX, Integer.toString(maxFree));
            undo.push(Map.entry(MAX, max.getValue()));
        } catch (RuntimeException e) { // footprint only: never stops the compaction
            warnOnce("could not lower the heap free ratios for the idle compaction", e);
        }
        return () -> restore(undo);
    }

    /** In reverse order of change: the maximum back up first, then the minimum. */
    private void restore(Deque<Map.Entry<String, String>> undo) {
        while (!undo.isEmpty()) {
            Map.Entry<String, String> flag = undo.pop();
            try {
                set.accept(flag.getKey(), flag.getValue());
            } catch (RuntimeException e) {
                warnOnce("could not restore " + flag.getKey() + "=" + flag.getValue() + " after the idle compaction", e);
            }
        }
    }

    private static boolean ours(VMOption option) {
        return option != null && option.isWriteable() && (option.getOrigin() == VMOption.Origin.DEFAULT
                || option.getOrigin() == VMOption.Origin.MANAGEMENT);
    }

    private void warnOnce(String what, RuntimeException e) {
        if (!warned) {
            warned = true;
            LOG.warnf("warden.runtime.memory: %s (%s); the heap is sized by the idle ratios instead", what, e.toString());
        }
    }
}

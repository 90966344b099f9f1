package dev.warden.dataflow.internal;

import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.provenance.RecentRuns;
import dev.warden.dataflow.DataFlowConfig.LedgerBounds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * What content each run has seen, and with which integrity: bounded in runs, items per run and characters per item,
 * and expiring. Thread-safe. Keeps normalised text (for matching) and detected values, never raw content.
 */
public final class RunLedger {
    /** Where a value was seen. */
    public enum Origin {
        TRUSTED,
        UNTRUSTED_ONLY,
        NOWHERE
    }

    /**
     * A value's origin and, when seen, the source it was seen in and that content's labels (what an approver is shown
     * as the source's labels; {@code null} when not seen).
     */
    public record Sighting(Origin origin, String source, Labels labels) {
        /** Not seen anywhere in the run. */
        public static Sighting nowhere() {
            return new Sighting(Origin.NOWHERE, null, null);
        }
    }

    record Entry(String source, Labels labels, String compactText, Set<String> values, Set<String> amounts) {}

    private static final class Run {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
    }

    private final RecentRuns<Run> runs;
    private final LedgerBounds bounds;
    private final Clock clock;

    public RunLedger(LedgerBounds bounds, Clock clock) {
        this.bounds = bounds;
        this.clock = clock;
        this.runs = new RecentRuns<>(bounds.maxRuns(), bounds.ttl());
    }

    /**
     * Records content the run has seen.
     *
     * @param labels the content's labels; their integrity decides whether a value found in it counts as trusted
     * @param values normalised detected values (IBANs, e-mail addresses, URLs…) found anywhere in the content
     */
    public void record(String runId, String source, Labels labels, CharSequence content, Set<String> values) {
        if (runId == null) {
            return;
        }
        Instant now = clock.instant();
        String compact = ValueNormalizer.compact(content == null ? "" : content);
        if (compact.length() > bounds.maxCharsPerEntry()) {
            compact = compact.substring(0, bounds.maxCharsPerEntry());
        }
        Entry e = new Entry(source, labels == null ? Labels.PUBLIC : labels, compact, Set.copyOf(values),
                Set.copyOf(ValueNormalizer.amounts(content == null ? "" : content)));
        Run run = runs.touch(runId, now, Run::new);
        synchronized (run) {
            run.entries.addLast(e);
            while (run.entries.size() > bounds.maxEntriesPerRun()) {
                run.entries.removeFirst();
            }
        }
    }

    /** Where {@code normalised} (a compact string or, when {@code amount}, a plain decimal) was seen in the run. */
    public Sighting find(String runId, String normalised, boolean amount) {
        Run run = runs.get(runId, clock.instant());
        if (run == null) {
            return Sighting.nowhere();
        }
        Entry untrusted = null;
        synchronized (run) {
            for (Entry e : run.entries) {
                boolean hit = amount ? e.amounts().contains(normalised)
                        : e.values().contains(normalised) || e.compactText().contains(normalised);
                if (hit && e.labels().integrity() == Integrity.TRUSTED) {
                    return new Sighting(Origin.TRUSTED, e.source(), e.labels());
                }
                if (hit && untrusted == null) {
                    untrusted = e;
                }
            }
        }
        return untrusted == null ? Sighting.nowhere()
                : new Sighting(Origin.UNTRUSTED_ONLY, untrusted.source(), untrusted.labels());
    }

    /** Number of runs currently remembered. */
    public int size() {
        return runs.size();
    }
}

package dev.warden.dataflow.internal;

import dev.warden.core.Integrity;
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

    /** A value's origin and, when seen, the source it was seen in. */
    public record Sighting(Origin origin, String source) {}

    record Entry(String source, Integrity integrity, String compactText, Set<String> values, Set<String> amounts) {}

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
     * @param values normalised detected values (IBANs, e-mail addresses, URLs…) found anywhere in the content
     */
    public void record(String runId, String source, Integrity integrity, CharSequence content, Set<String> values) {
        if (runId == null) {
            return;
        }
        Instant now = clock.instant();
        String compact = ValueNormalizer.compact(content == null ? "" : content);
        if (compact.length() > bounds.maxCharsPerEntry()) {
            compact = compact.substring(0, bounds.maxCharsPerEntry());
        }
        Entry e = new Entry(source, integrity, compact, Set.copyOf(values),
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
            return new Sighting(Origin.NOWHERE, null);
        }
        String untrustedSource = null;
        synchronized (run) {
            for (Entry e : run.entries) {
                boolean hit = amount ? e.amounts().contains(normalised)
                        : e.values().contains(normalised) || e.compactText().contains(normalised);
                if (hit && e.integrity() == Integrity.TRUSTED) {
                    return new Sighting(Origin.TRUSTED, e.source());
                }
                if (hit && untrustedSource == null) {
                    untrustedSource = e.source();
                }
            }
        }
        return untrustedSource == null ? new Sighting(Origin.NOWHERE, null)
                : new Sighting(Origin.UNTRUSTED_ONLY, untrustedSource);
    }

    /** Number of runs currently remembered. */
    public int size() {
        return runs.size();
    }
}

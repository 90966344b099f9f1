package dev.warden.core.provenance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many times a run already made the same call: earlier calls of the same tool whose arguments hold the same
 * values after the normalisation provenance uses ({@link ValueForms}: an IBAN's spacing and case, {@code 100} vs
 * {@code 100.0} vs {@code "100"}, text case and whitespace). Only calls that went ahead and completed count (allowed,
 * approved or confirmed, and the tool returned); refused, declined and failed calls do not.
 *
 * <p>Per run it keeps one counter per call digest, bounded by {@link #MAX_CALLS_PER_RUN} and the runs by
 * {@link RecentRuns}. When the count cannot be known — no run id, the run forgotten (evicted, expired, the process
 * restarted while the run waited for a confirmation) although it executed calls, or too many distinct calls — it is
 * {@code null}, never a silent 0. Thread-safe.
 *
 * <pre>{@code
 * CallRepeats r = new CallRepeats(Clock.systemUTC());
 * r.completed("run-1", "send_money", Map.of("recipient", "DE89 3704 0044 0532 0130 00", "amount", 100));
 * r.count("run-1", 1, "send_money", Map.of("recipient", "de89370400440532013000", "amount", "100.0")); // 1
 * }</pre>
 */
public final class CallRepeats {
    /** Bound on the distinct calls remembered per run; past it the run's counts are unknown. */
    public static final int MAX_CALLS_PER_RUN = 4096;

    private static final class Run {
        final Map<String, Integer> byDigest = new HashMap<>();
        /** Calls that went through execution (completed or not): compared with the run's own count of tool calls. */
        int executed;
        boolean overflowed;
    }

    private final Clock clock;
    private final RecentRuns<Run> runs;

    public CallRepeats(Clock clock) {
        this(clock, 1000, Duration.ofHours(1));
    }

    public CallRepeats(Clock clock, int maxRuns, Duration ttl) {
        this.clock = clock;
        this.runs = new RecentRuns<>(maxRuns, ttl);
    }

    /**
     * Earlier completed calls of this run equal to this one, or {@code null} when that cannot be known.
     *
     * @param toolCallsOfRun the tool calls the run itself says it executed so far (its usage); when this instance
     *     remembers fewer, it has lost part of the run and the count is unknown
     */
    public Integer count(String runId, int toolCallsOfRun, String tool, Map<String, Object> args) {
        if (runId == null) {
            return null;
        }
        Run run = runs.get(runId, clock.instant());
        if (run == null) {
            return toolCallsOfRun > 0 ? null : 0;
        }
        String digest = digest(tool, args);
        synchronized (run) {
            if (run.overflowed || run.executed < toolCallsOfRun) {
                return null;
            }
            return run.byDigest.getOrDefault(digest, 0);
        }
    }

    /** Records a call that went ahead; {@code completed} when the tool returned (a failed call is not counted). */
    public void executed(String runId, String tool, Map<String, Object> args, boolean completed) {
        if (runId == null) {
            return;
        }
        Run run = runs.touch(runId, clock.instant(), Run::new);
        String digest = completed ? digest(tool, args) : null;
        synchronized (run) {
            run.executed++;
            if (digest == null || run.overflowed) {
                return;
            }
            if (!run.byDigest.containsKey(digest) && run.byDigest.size() >= MAX_CALLS_PER_RUN) {
                run.overflowed = true;
                run.byDigest.clear();
                return;
            }
            run.byDigest.merge(digest, 1, Integer::sum);
        }
    }

    /** SHA-256 over the tool name and each scalar argument's path and normal form, in path order. */
    static String digest(String tool, Map<String, Object> args) {
        Map<String, String> leaves = new TreeMap<>();
        if (args != null) {
            args.forEach((k, v) -> walk(k, v, leaves, 0));
        }
        StringBuilder b = new StringBuilder(String.valueOf(tool));
        leaves.forEach((k, v) -> b.append('\u0000').append(k).append('\u0001').append(v));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    private static void walk(String path, Object v, Map<String, String> out, int depth) {
        if (depth > 16) {
            out.put(path, "deep"); // deeper values are not compared: equal prefixes count as the same call
            return;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> walk(path + "." + k, x, out, depth + 1));
        } else if (v instanceof List<?> l) {
            out.put(path, "list:" + l.size());
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", l.get(i), out, depth + 1);
            }
        } else {
            out.put(path, normal(v));
        }
    }

    private static String normal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean b) {
            return "b:" + b;
        }
        BigDecimal n = ValueForms.number(v);
        if (n != null) {
            return "n:" + n.toPlainString();
        }
        String s = String.valueOf(v);
        String iban = ValueForms.iban(s);
        return iban != null ? "i:" + iban : "s:" + ValueForms.text(s);
    }
}

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
import java.util.Set;
import java.util.TreeMap;

/**
 * How many times a run already made the same call, two ways ({@link Counts}): the same tool with every argument equal
 * after the normalisation provenance uses ({@link ValueForms}: an IBAN's spacing and case, {@code 100} vs {@code 100.0}
 * vs {@code "100"}, text case and whitespace); and a similar call — a tool with the same effects, the same numbers and
 * destinations (IBAN, e-mail, web or file address) argument by argument, other text (a subject, a date) and flags
 * ignored — so a repeated payment with a new subject, or scheduled instead of sent, is still seen. Only calls that
 * went ahead and completed count (allowed, approved or confirmed, and the tool returned); refused, declined and failed
 * calls do not.
 *
 * <p>Per run it keeps one counter per call digest, bounded by {@link #MAX_CALLS_PER_RUN} and the runs by
 * {@link RecentRuns}. When the count cannot be known — no run id, the run forgotten (evicted, expired, the process
 * restarted while the run waited for a confirmation) although it executed calls, or too many distinct calls — it is
 * {@code null}, never a silent 0. Thread-safe.
 *
 * <pre>{@code
 * CallRepeats r = new CallRepeats(Clock.systemUTC());
 * r.executed("run-1", "send_money", money, Map.of("recipient", "DE89 3704 0044 0532 0130 00", "amount", 100), true);
 * r.count("run-1", 1, "send_money", money, Map.of("recipient", "de89370400440532013000", "amount", "100.0"));
 * // Counts[same=1, similar=1]
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

    /**
     * Earlier completed calls of the run: {@code same} tool with every argument equal; {@code similar}, a tool with
     * the same effects and the same numbers and destinations (at least the {@code same} ones).
     */
    public record Counts(int same, int similar) {}

    /**
     * What a run's counts need, to be stored with a suspended run so that its resumption anywhere (another replica, a
     * restarted process) knows them (decision 0066): the calls that went through execution, whether the run passed
     * {@link #MAX_CALLS_PER_RUN}, and the count per call digest (SHA-256 hex).
     */
    public record Memory(int executed, boolean overflowed, Map<String, Integer> counts) {
        public Memory {
            if (executed < 0) {
                throw new IllegalArgumentException("executed must not be negative");
            }
            counts = overflowed || counts == null ? Map.of() : Map.copyOf(counts);
        }
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
    public Counts count(String runId, int toolCallsOfRun, String tool, Set<?> effects, Map<String, Object> args) {
        if (runId == null) {
            return null;
        }
        Run run = runs.get(runId, clock.instant());
        if (run == null) {
            return toolCallsOfRun > 0 ? null : new Counts(0, 0);
        }
        String same = digest(tool, args, false);
        String similar = digest(kind(tool, effects), args, true);
        synchronized (run) {
            if (run.overflowed || run.executed < toolCallsOfRun) {
                return null;
            }
            return new Counts(run.byDigest.getOrDefault(same, 0), run.byDigest.getOrDefault(similar, 0));
        }
    }

    /**
     * What this instance knows of the run's calls, or {@code null} when it does not know the run (then a resumption
     * elsewhere stays unknown, as it would have been).
     */
    public Memory memory(String runId) {
        Run run = runId == null ? null : runs.get(runId, clock.instant());
        if (run == null) {
            return null;
        }
        synchronized (run) {
            return new Memory(run.executed, run.overflowed, run.byDigest);
        }
    }

    /**
     * Takes over what another instance (or this one, before a restart) knew of the run when it was suspended, in place
     * of anything remembered here: a run cannot execute calls while it is suspended, so the stored memory is the
     * newest. {@code null} changes nothing.
     */
    public void restore(String runId, Memory memory) {
        if (runId == null || memory == null) {
            return;
        }
        Run run = runs.touch(runId, clock.instant(), Run::new);
        synchronized (run) {
            run.byDigest.clear();
            run.byDigest.putAll(memory.counts());
            run.executed = memory.executed();
            run.overflowed = memory.overflowed();
        }
    }

    /** As {@link #executed(String, int, String, Set, Map, boolean)} for a run that has made no tool call before. */
    public void executed(String runId, String tool, Set<?> effects, Map<String, Object> args, boolean completed) {
        executed(runId, 0, tool, effects, args, completed);
    }

    /**
     * Records a call that went ahead; {@code completed} when the tool returned (a failed call is not counted).
     *
     * @param toolCallsOfRun the tool calls the run itself says it executed before this one; when this instance does
     *     not remember the run although that is above 0 (it was forgotten), the run's counts stay unknown for good
     *     instead of starting again from this call
     */
    public void executed(String runId, int toolCallsOfRun, String tool, Set<?> effects, Map<String, Object> args,
            boolean completed) {
        if (runId == null) {
            return;
        }
        boolean[] created = new boolean[1];
        Run run = runs.touch(runId, clock.instant(), () -> {
            created[0] = true;
            return new Run();
        });
        List<String> digests = completed ? List.of(digest(tool, args, false), digest(kind(tool, effects), args, true))
                : List.of();
        synchronized (run) {
            if (created[0] && toolCallsOfRun > 0) {
                run.overflowed = true; // a partial memory: what the run did before is unknown here
                run.byDigest.clear();
            }
            run.executed++;
            for (String digest : digests) {
                if (run.overflowed) {
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
    }

    /** The similar-call key of a tool: its effects, in a fixed order (a tool without effects is only like itself). */
    private static String kind(String tool, Set<?> effects) {
        return effects == null || effects.isEmpty() ? "tool:" + tool
                : "effects:" + new java.util.TreeSet<>(effects.stream().map(String::valueOf).toList());
    }

    /**
     * SHA-256 over the key and each scalar argument's path and normal form, in path order; {@code similar} keeps only
     * numbers and destinations.
     */
    static String digest(String key, Map<String, Object> args, boolean similar) {
        Map<String, String> leaves = new TreeMap<>();
        if (args != null) {
            args.forEach((k, v) -> walk(k, v, leaves, 0));
        }
        if (similar) {
            leaves.values().removeIf(v -> !v.startsWith("n:") && !v.startsWith("d:"));
        }
        StringBuilder b = new StringBuilder(similar ? "~" : "=").append(key);
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
        ValueForms.Shape shape = ValueForms.shape(s);
        return shape != null ? "d:" + shape + ":" + ValueForms.address(s, shape) : "s:" + ValueForms.text(s);
    }
}

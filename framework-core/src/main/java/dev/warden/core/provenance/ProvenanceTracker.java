package dev.warden.core.provenance;

import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what each run has seen, piece by piece, and answers where an argument value came from. Bounded in runs,
 * pieces per run and time; keeps normal forms only. Thread-safe.
 *
 * <pre>{@code
 * ProvenanceTracker t = new ProvenanceTracker(Clock.systemUTC());
 * t.record("run-1", "Pay the bill in bill.txt", "read_file", Map.of("file_path", "bill.txt"), text,
 *         Integrity.UNTRUSTED, null);
 * Map<String, Provenance> p = t.trace("run-1", "Pay the bill in bill.txt", Map.of("recipient", "UK12..."));
 * // p.get("recipient").kind() == ENDORSED: found only in the file the user named
 * }</pre>
 */
public final class ProvenanceTracker {
    /** Source name of the user's request in provenance. */
    public static final String USER_REQUEST = "user request";
    /** Marks the source of a result endorsed through an item whose author the request names. */
    private static final String RELAYED = ", pointed at by ";
    /** Bound on the address-shaped values remembered from named sources per run. */
    private static final int MAX_NAMED_SOURCE_VALUES = 1024;

    private final Clock clock;
    private final int maxPiecesPerRun;
    private final RecentRuns<Run> runs;

    private static final class Run {
        final ArrayDeque<Evidence> pieces = new ArrayDeque<>();
        /** Canonical addresses (web addresses, file names) the run read as named sources. */
        final java.util.Set<String> sourcesRead = new java.util.LinkedHashSet<>();
        /** Address-shaped values ({@code SHAPE:canonical}) found in results of sources the request names. */
        final java.util.Set<String> inNamedSources = new java.util.LinkedHashSet<>();
    }

    public ProvenanceTracker(Clock clock) {
        this(clock, 1000, 8192, Duration.ofHours(1));
    }

    public ProvenanceTracker(Clock clock, int maxRuns, int maxPiecesPerRun, Duration ttl) {
        this.clock = clock;
        this.maxPiecesPerRun = maxPiecesPerRun;
        this.runs = new RecentRuns<>(maxRuns, ttl);
    }

    /**
     * The source a call's result is endorsed through: the call's first informative string argument that the user's
     * request contains as a whole ({@code read_file(bill-december-2023.txt)}), or {@code null}.
     */
    public static String endorsement(String tool, Map<String, Object> args, String userInput) {
        if (userInput == null || args == null) {
            return null;
        }
        String request = ValueForms.text(userInput);
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (e.getValue() instanceof String s) {
                String v = ValueForms.text(s);
                if (ValueForms.informative(v) && ValueForms.containsWhole(request, v)) {
                    return tool + "(" + e.getKey() + "=" + s + "), named in the user's request";
                }
            }
        }
        return null;
    }

    /**
     * Records a tool result.
     *
     * @return whether every piece of it is trusted (lets a tool with item labels return a trusted result)
     */
    public boolean record(String runId, String userInput, String tool, Map<String, Object> args, String text,
            Integrity toolIntegrity, ItemLabels items) {
        return recordResult(runId, userInput, tool, args, text, toolIntegrity, items).allTrusted();
    }

    /**
     * What recording a result found out: whether every piece of it is trusted, and the join of the declared labels
     * ({@link ItemLabels#fieldLabels()}, integrity aside) of the fields it holds — {@link Labels#PUBLIC} when none.
     */
    public record Recorded(boolean allTrusted, Labels fieldLabels) {}

    /** Records a tool result, as {@link #record}, and says what its item and field labels found. */
    public Recorded recordResult(String runId, String userInput, String tool, Map<String, Object> args, String text,
            Integrity toolIntegrity, ItemLabels items) {
        Instant now = clock.instant();
        Run run = runId == null ? null : runs.touch(runId, now, Run::new);
        String via = null;
        if (toolIntegrity == Integrity.UNTRUSTED) {
            via = endorsement(tool, args, userInput);
            if (via == null && run != null) {
                synchronized (run) {
                    via = relayed(run, tool, args);
                }
            }
        }
        boolean direct = via != null && !via.contains(RELAYED);
        ResultEvidence.Split split = ResultEvidence.split(tool, text == null ? "" : text, toolIntegrity, items, via,
                userInput);
        Recorded recorded = new Recorded(split.allTrusted(), split.fieldLabels());
        if (run == null) {
            return recorded;
        }
        synchronized (run) {
            // only a source the request names as an address (a page, a file) counts, and only what its endorsed
            // content holds: a channel or a search the request names does not make the addresses in it unique
            java.util.Set<String> namedSources = direct && args != null ? NamedValues.sourcesNamedIn(userInput)
                    : java.util.Set.of();
            java.util.List<String> readNow = args == null ? java.util.List.of() : args.values().stream()
                    .filter(String.class::isInstance).map(v -> (String) v)
                    .filter(v -> ValueForms.shape(v) == ValueForms.Shape.ADDRESS)
                    .map(v -> ValueForms.address(v, ValueForms.Shape.ADDRESS)).filter(namedSources::contains).toList();
            if (!readNow.isEmpty()) {
                run.sourcesRead.addAll(readNow);
                for (Evidence e : split.pieces()) {
                    if (e.kind() != Provenance.Kind.ENDORSED) {
                        continue;
                    }
                    for (ValueForms.Shape shape : ValueForms.Shape.values()) {
                        for (String a : ValueForms.addressesIn(e.text(), shape)) {
                            if (run.inNamedSources.size() < MAX_NAMED_SOURCE_VALUES) {
                                run.inNamedSources.add(shape + ":" + a);
                            }
                        }
                    }
                }
            }
            run.pieces.addAll(split.pieces());
            while (run.pieces.size() > maxPiecesPerRun) {
                run.pieces.removeFirst();
            }
        }
        return recorded;
    }

    /**
     * Records the task a calling agent's model wrote, which a delegated run received as its input (decision 0073): a
     * value found only there has kind {@link Provenance.Kind#NONE} — model output, like any value a model writes —
     * or {@link Provenance.Kind#UNTRUSTED} when the caller's context held untrusted content, with {@code source}
     * {@code the task from agent '<caller>'}. Never {@code USER}: only the root request is the person's.
     */
    public void recordDelegatedTask(String runId, String callerAgentId, String task, boolean callerUntrusted) {
        if (runId == null || task == null) {
            return;
        }
        Run run = runs.touch(runId, clock.instant(), Run::new);
        Evidence e = Evidence.of(delegatedTaskSource(callerAgentId), callerUntrusted ? Provenance.Kind.UNTRUSTED
                : Provenance.Kind.NONE, task);
        synchronized (run) {
            run.pieces.addLast(e);
            while (run.pieces.size() > maxPiecesPerRun) {
                run.pieces.removeFirst();
            }
        }
    }

    /** The source named for a value found in a delegated run's task. */
    public static String delegatedTaskSource(String callerAgentId) {
        return "the task from agent '" + callerAgentId + "'";
    }

    /**
     * A result fetched through a value of an item whose author the request names (a link in Bob's message, when the
     * user asked for "the article Bob posted") is endorsed, one step: the first informative string argument found
     * whole in such an item.
     */
    private static String relayed(Run run, String tool, Map<String, Object> args) {
        if (args == null) {
            return null;
        }
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (!(a.getValue() instanceof String s)) {
                continue;
            }
            String v = ValueForms.text(s);
            for (Evidence e : run.pieces) {
                if (e.relays() && ValueForms.informative(v) && e.holds(v, null, null)) {
                    return tool + "(" + a.getKey() + "=" + s + ")" + RELAYED + e.source();
                }
            }
        }
        return null;
    }

    /** Provenance of each scalar argument (nested ones by path, {@code a.b}, {@code list[0]}); booleans are skipped. */
    public Map<String, Provenance> trace(String runId, String userInput, Map<String, Object> args) {
        Evidence user = Evidence.of(USER_REQUEST, Provenance.Kind.USER, userInput == null ? "" : userInput);
        List<Evidence> seen = new ArrayList<>();
        seen.add(user);
        java.util.Set<String> sourcesRead = java.util.Set.of();
        java.util.Set<String> inNamedSources = java.util.Set.of();
        Run run = runs.get(runId, clock.instant());
        if (run != null) {
            synchronized (run) {
                seen.addAll(run.pieces);
                sourcesRead = java.util.Set.copyOf(run.sourcesRead);
                inNamedSources = java.util.Set.copyOf(run.inNamedSources);
            }
        }
        boolean allNamedSourcesRead = sourcesRead.containsAll(NamedValues.sourcesNamedIn(userInput));
        Map<String, Provenance> out = new LinkedHashMap<>();
        List<DerivedAmounts.Operand>[] operands = null;
        for (Map.Entry<String, Object> leaf : leaves(args).entrySet()) {
            Object v = leaf.getValue();
            if (v instanceof Boolean) {
                continue;
            }
            Provenance p = find(seen, v);
            BigDecimal n = ValueForms.number(v);
            if (p.kind().ordinal() > Provenance.Kind.TRUSTED.ordinal() && n != null) {
                if (operands == null) {
                    operands = operands(seen);
                }
                Provenance d = DerivedAmounts.find(n, operands[0], operands[1]);
                if (d != null && d.kind().ordinal() < p.kind().ordinal()) {
                    p = d;
                }
            }
            if (v instanceof String s) {
                ValueForms.Shape shape = ValueForms.shape(s);
                p = p.with(ValueForms.named(userInput, s),
                        shape != null && allNamedSourcesRead
                                && inNamedSources.contains(shape + ":" + ValueForms.address(s, shape))
                                && NamedValues.onlyOne(seen, s, shape),
                        shape == null ? NamedValues.embedded(s, value -> find(seen, value)) : Map.of());
            }
            out.put(leaf.getKey(), p);
        }
        return out;
    }

    /** Number of runs remembered. */
    public int size() {
        return runs.size();
    }

    private static Provenance find(List<Evidence> seen, Object value) {
        BigDecimal n = ValueForms.number(value);
        String s = String.valueOf(value);
        String iban = n == null ? ValueForms.iban(s) : null;
        String text = ValueForms.text(s);
        Evidence best = null;
        boolean inUntrusted = false;
        boolean inTrusted = false;
        for (Evidence e : seen) {
            boolean better = best == null || e.kind().ordinal() < best.kind().ordinal();
            boolean untrusted = e.kind() == Provenance.Kind.UNTRUSTED || e.kind() == Provenance.Kind.ENDORSED;
            // "known" means a record holds the value as a whole field (a transfer's recipient), not inside free text
            boolean trusted = e.kind() == Provenance.Kind.TRUSTED && wholeField(e, text, iban, n);
            if ((better || (untrusted && !inUntrusted) || (trusted && !inTrusted)) && e.holds(text, iban, n)) {
                inUntrusted |= untrusted;
                inTrusted |= trusted;
                best = better ? e : best;
            }
        }
        return best == null ? Provenance.NONE : new Provenance(best.kind(), best.source(), false,
                inUntrusted && (best.kind() == Provenance.Kind.USER || best.kind() == Provenance.Kind.TRUSTED),
                inTrusted);
    }

    private static boolean wholeField(Evidence e, String text, String iban, BigDecimal n) {
        if (n != null) {
            BigDecimal field = ValueForms.number(e.text());
            return field != null && field.compareTo(n) == 0;
        }
        return iban != null ? iban.equals(ValueForms.iban(e.text())) : e.text().equals(text);
    }

    @SuppressWarnings("unchecked")
    private static List<DerivedAmounts.Operand>[] operands(List<Evidence> seen) {
        List<DerivedAmounts.Operand> traced = new ArrayList<>();
        List<DerivedAmounts.Operand> user = new ArrayList<>();
        for (Evidence e : seen) {
            if (e.kind() == Provenance.Kind.UNTRUSTED || e.kind() == Provenance.Kind.NONE) {
                continue;
            }
            for (BigDecimal n : e.numbers()) {
                if (!e.informative(n)) {
                    continue;
                }
                DerivedAmounts.Operand o = new DerivedAmounts.Operand(n.doubleValue(), e.kind(), e.source());
                traced.add(o);
                if (e.kind() == Provenance.Kind.USER) {
                    user.add(o);
                }
            }
        }
        return new List[] {traced, user};
    }

    private static Map<String, Object> leaves(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args != null) {
            args.forEach((k, v) -> walk(k, v, out, 0));
        }
        return out;
    }

    private static void walk(String path, Object v, Map<String, Object> out, int depth) {
        if (depth > 16 || v == null) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> walk(path + "." + k, x, out, depth + 1));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", l.get(i), out, depth + 1);
            }
        } else {
            out.put(path, v);
        }
    }
}

package dev.warden.core.tools;

import dev.warden.core.Labels;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Labels a tool declares for the result it is returning, computed from where the data came from (the columns a SQL
 * statement reads, the classification of a record) instead of the descriptor's fixed {@code sourceLabels}.
 *
 * <p>Call {@link #declare(Labels)} from inside a governed tool method, on the thread the tool runs on; the governed
 * executor reads the declaration when the tool returns and uses it as the result's labels at {@code TOOL_RESULT}
 * (several declarations join). The declared <em>confidentiality and categories</em> replace the descriptor's — the
 * tool knows better than a whole-tool default, and lineage may be lower (a query for phone numbers is not
 * RESTRICTED because the table also holds tax ids). <em>Integrity</em> never improves: an UNTRUSTED descriptor keeps
 * the result UNTRUSTED whatever is declared. Content detectors still run on the result as a second line. Outside a
 * governed execution, a declaration is ignored.
 *
 * {@snippet :
 * @Tool("Run a SQL query")
 * public String query(String sql) {
 *     ResultLabels.declare(columnLabels.of(SqlLineage.of(sql, catalog)));
 *     return run(sql);
 * }
 * }
 */
public final class ResultLabels {
    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** What one execution declared: whole-result labels and per-field labels. */
    private static final class Slot {
        Labels labels;
        final Map<String, Labels> fields = new LinkedHashMap<>();
        Labels valuesBase;
        final java.util.List<dev.warden.core.LabelledValue> values = new java.util.ArrayList<>();
    }

    /**
     * What a tool declared for one result: the result's labels (see {@link #close}) and the labels of its JSON fields
     * by name ({@link #declareFields}; empty when none were declared).
     */
    public record Declared(Labels labels, Map<String, Labels> fields, Labels valuesBase,
            java.util.List<dev.warden.core.LabelledValue> values) {
        public Declared {
            fields = Map.copyOf(fields);
            values = values == null ? java.util.List.of() : java.util.List.copyOf(values);
        }

        public Declared(Labels labels, Map<String, Labels> fields) {
            this(labels, fields, null, java.util.List.of());
        }
    }

    private ResultLabels() {}

    /** Declares {@code labels} for the result of the tool running on this thread (joined with earlier ones). */
    public static void declare(Labels labels) {
        Slot slot = CURRENT.get();
        if (slot != null && labels != null) {
            slot.labels = slot.labels == null ? labels : slot.labels.join(labels);
        }
    }

    /**
     * Declares labels of the JSON fields of the result (by field name, any case; several declarations join): the
     * classification of the columns a query returns, of the fields of a record. They refine the result item by item
     * as the descriptor's {@link dev.warden.core.provenance.ItemLabels} do — an UNTRUSTED field is untrusted content
     * wherever it appears, a field's confidentiality is the confidentiality of its values — and are joined into the
     * result's labels. Outside a governed execution, a declaration is ignored.
     */
    public static void declareFields(Map<String, Labels> fields) {
        Slot slot = CURRENT.get();
        if (slot != null && fields != null) {
            fields.forEach((k, v) -> slot.fields.merge(k.toLowerCase(Locale.ROOT), v, Labels::join));
        }
    }

    /**
     * Declares values in the result whose labels are bound to them, and {@code base}, the labels of the rest (a
     * delegated answer: {@link dev.warden.core.FlowLabels}); the executor passes them on at {@code TOOL_RESULT} as
     * {@link dev.warden.core.CheckpointAttributes#VALUE_LABELS}. They do not change the result's labels. Outside a
     * governed execution, a declaration is ignored.
     */
    public static void declareValues(Labels base, java.util.List<dev.warden.core.LabelledValue> values) {
        Slot slot = CURRENT.get();
        if (slot != null && base != null && values != null && !values.isEmpty()) {
            slot.valuesBase = slot.valuesBase == null ? base : slot.valuesBase.join(base);
            slot.values.addAll(values);
        }
    }

    /**
     * For tool executors: opens a declaration slot for one tool execution on this thread; pair with
     * {@link #close(Object, Labels)} in a {@code finally}. Nested executions keep their own slots.
     */
    public static Object open() {
        Slot previous = CURRENT.get();
        CURRENT.set(new Slot());
        return previous == null ? NONE : previous;
    }

    /**
     * For tool executors: closes the slot opened by {@link #open()}, restoring what was there, and returns the labels of the result:
     * the declared ones with the descriptor's integrity joined in, or {@code fallback} when nothing was declared.
     */
    public static Labels close(Object token, Labels fallback) {
        return closeDeclared(token, fallback).labels();
    }

    /**
     * As {@link #close}, also returning the declared field labels. The executor joins the labels of the fields a
     * result actually holds into its labels, and a field declared UNTRUSTED makes the result untrusted only where it
     * appears — both decided item by item.
     */
    public static Declared closeDeclared(Object token, Labels fallback) {
        Slot slot = CURRENT.get();
        if (token == NONE) {
            CURRENT.remove();
        } else {
            CURRENT.set((Slot) token);
        }
        Labels declared = slot == null ? null : slot.labels;
        Map<String, Labels> fields = slot == null ? Map.of() : slot.fields;
        Labels out = declared == null ? fallback
                : declared.withIntegrity(declared.integrity().join(fallback.integrity()));
        return slot == null ? new Declared(out, fields)
                : new Declared(out, fields, slot.valuesBase, slot.values);
    }

    private static final Object NONE = new Object();
}

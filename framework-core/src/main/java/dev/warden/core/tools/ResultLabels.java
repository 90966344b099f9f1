package dev.warden.core.tools;

import dev.warden.core.Labels;

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
    private static final ThreadLocal<Labels[]> CURRENT = new ThreadLocal<>();

    private ResultLabels() {}

    /** Declares {@code labels} for the result of the tool running on this thread (joined with earlier ones). */
    public static void declare(Labels labels) {
        Labels[] slot = CURRENT.get();
        if (slot != null && labels != null) {
            slot[0] = slot[0] == null ? labels : slot[0].join(labels);
        }
    }

    /**
     * For tool executors: opens a declaration slot for one tool execution on this thread; pair with
     * {@link #close(Object, Labels)} in a {@code finally}. Nested executions keep their own slots.
     */
    public static Object open() {
        Labels[] previous = CURRENT.get();
        CURRENT.set(new Labels[1]);
        return previous == null ? NONE : previous;
    }

    /**
     * For tool executors: closes the slot opened by {@link #open()}, restoring what was there, and returns the labels of the result:
     * the declared ones with the descriptor's integrity joined in, or {@code fallback} when nothing was declared.
     */
    public static Labels close(Object token, Labels fallback) {
        Labels declared = CURRENT.get() == null ? null : CURRENT.get()[0];
        if (token == NONE) {
            CURRENT.remove();
        } else {
            CURRENT.set((Labels[]) token);
        }
        if (declared == null) {
            return fallback;
        }
        return declared.withIntegrity(declared.integrity().join(fallback.integrity()));
    }

    private static final Object NONE = new Object();
}

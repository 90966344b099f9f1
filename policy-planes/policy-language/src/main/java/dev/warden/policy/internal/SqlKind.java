package dev.warden.policy.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.warden.policy.sql.SqlParseBudget;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Classifies SQL text with JSqlParser (a real parser, never a regex) for {@code sql.kind(text)}.
 *
 * <p>Kinds, from least to most dangerous: {@code SELECT < INSERT < UPDATE < MERGE < DELETE < OTHER < DDL < DCL <
 * UNKNOWN}. Multi-statement input yields its most dangerous statement; a {@code SELECT} with a data-modifying CTE
 * ({@code WITH d AS (DELETE …) SELECT …}) yields the modifying kind; {@code SELECT … INTO table} is {@code DDL}; a
 * {@code SELECT} calling any function outside {@link SqlCalls}' allow-list of side-effect-free functions is
 * {@code UNKNOWN};
 * unparsable, empty, oversized or too complex input ({@link SqlParseBudget}) is {@code UNKNOWN}, which policies must
 * treat as dangerous. Results are cached
 * (bounded) so repeated queries do not re-parse.
 */
public final class SqlKind {
    private SqlKind() {}

    /** Longest SQL text that is parsed; longer input is {@code UNKNOWN}. */
    public static final int MAX_LENGTH = 64 * 1024;

    static final List<String> ORDER =
            List.of("SELECT", "INSERT", "UPDATE", "MERGE", "DELETE", "OTHER", "DDL", "DCL", "UNKNOWN");
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Classified> CACHE = new ConcurrentHashMap<>();
    /** The analysis bound the last {@code sql.kind} calls on this thread ran into, or {@code null} (see {@link #watch}). */
    private static final ThreadLocal<String[]> BOUND_HIT = ThreadLocal.withInitial(() -> new String[1]);

    /** A classification, and which analysis bound made it {@code UNKNOWN} ({@code null} when none did). */
    private record Classified(String kind, String bound) {}
    private static volatile SqlParseBudget cacheBudget = SqlParseBudget.DEFAULT;

    /**
     * Loads and exercises the parser once. The first parse on a cold JVM loads JSqlParser's grammar and can take
     * hundreds of milliseconds — longer than a plane's time budget, which would fail the first checkpoint closed.
     * Called when a policy that uses {@code sql.kind} is compiled; idempotent and cheap afterwards.
     */
    public static void warmUp() {
        if (!WARM.get() && WARM.compareAndSet(false, true)) {
            of("SELECT a FROM t WHERE b = 1");
            of("UPDATE t SET a = 1; DROP TABLE t");
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** Deepest parenthesis nesting that is parsed; the parser's backtracking grows exponentially with depth. */
    public static final int MAX_NESTING = 6;

    /**
     * Starts watching, on this thread, whether {@code sql.kind} runs into an analysis bound; {@link #boundHit()} then
     * says which. Rule evaluation is synchronous, so the rule being evaluated is the one that asked.
     */
    public static void watch() {
        BOUND_HIT.get()[0] = null;
    }

    /**
     * The analysis bound (text over {@link #MAX_LENGTH}, nesting over {@link #MAX_NESTING}, or the
     * {@link SqlParseBudget}) that made a {@code sql.kind} call on this thread {@code UNKNOWN} since {@link #watch()},
     * or {@code null}. A text that is merely unparsable, or calls a function outside the allow-list, hit no bound.
     */
    public static String boundHit() {
        return BOUND_HIT.get()[0];
    }

    /** The kind of {@code sql}; see the class comment. */
    public static String of(String sql) {
        if (sql != null && sql.length() > MAX_LENGTH) {
            return noted(new Classified("UNKNOWN", SqlParseBudget.TOO_COMPLEX + ": longer than " + MAX_LENGTH
                    + " characters"));
        }
        if (sql == null) {
            return "UNKNOWN";
        }
        SqlParseBudget budget = SqlParseBudget.configured();
        if (budget != cacheBudget) { // answers depend on the budget: those of another one are not reused
            CACHE.clear();
            cacheBudget = budget;
        }
        Classified cached = CACHE.get(sql); // the whole answer, pre-checks included, is a function of text and budget
        if (cached != null) {
            return noted(cached);
        }
        String bound = null;
        String kind;
        if (sql.isBlank() || hasDialectDirective(sql)) {
            kind = "UNKNOWN";
        } else if (nesting(sql) > MAX_NESTING) {
            kind = "UNKNOWN";
            bound = SqlParseBudget.TOO_COMPLEX + ": parentheses nested deeper than " + MAX_NESTING;
        } else {
            SqlParseBudget.Parsed<Statements> parsed = budget.parse(sql, CCJSqlParser::Statements);
            kind = classify(parsed.value());
            bound = parsed.exceeded() ? parsed.failure() : null;
        }
        if ("SELECT".equals(kind) ? !SqlCalls.onlyAllowedCalls(sql) : SqlCalls.callsSideEffectFunction(sql)) {
            // a SELECT may call only functions known to be side-effect free; any statement calling a function that
            // writes files, runs commands or opens connections is UNKNOWN whatever its kind (a narrow UPDATE rule
            // must not let dblink_exec through)
            kind = "UNKNOWN";
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        Classified result = new Classified(kind, "UNKNOWN".equals(kind) ? bound : null);
        CACHE.put(sql, result);
        return noted(result);
    }

    private static String noted(Classified c) {
        if (c.bound() != null) {
            BOUND_HIT.get()[0] = c.bound();
        }
        return c.kind();
    }

    /**
     * Deepest parenthesis nesting, ignoring quoted text. Measured before parsing: JSqlParser's lookahead is
     * exponential in nesting (depth 10 took seconds, 15 minutes), and it runs on the caller's thread, where no time
     * budget can interrupt it. Deeper input is UNKNOWN, which every SELECT-only rule refuses.
     */
    static int nesting(String sql) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    /**
     * MySQL executable comments ({@code /*! … *}{@code /}) and optimizer hints ({@code /*+ … *}{@code /}) are code to
     * some servers and comments to the parser: a statement that hides one cannot be classified honestly.
     */
    static boolean hasDialectDirective(String sql) {
        return sql.contains("/*!") || sql.contains("/*+");
    }

    /**
     * The most dangerous kind of the parsed statements ({@code null}: unparsable or over the budget). Parsed on the
     * calling thread (parseStatements would spawn an executor), within the shared work budget: the nesting bound alone
     * lets a six-level CASE WHEN (SELECT …) take seconds.
     */
    private static String classify(Statements statements) {
        if (statements == null || statements.isEmpty()) {
            return "UNKNOWN";
        }
        String worst = "SELECT";
        for (Statement s : statements) {
            worst = worse(worst, kindOf(s));
        }
        return worst;
    }

    static String kindOf(Statement s) {
        if (s instanceof Select select) {
            return selectKind(select);
        }
        if (s instanceof Insert || s instanceof Upsert) {
            return "INSERT";
        }
        if (s instanceof Update) {
            return "UPDATE";
        }
        if (s instanceof Delete) {
            return "DELETE";
        }
        if (s instanceof Merge) {
            return "MERGE";
        }
        String pkg = s.getClass().getPackageName();
        if (pkg.endsWith(".grant")) {
            return "DCL";
        }
        if (pkg.contains(".create") || pkg.endsWith(".alter") || pkg.endsWith(".drop") || pkg.endsWith(".truncate")
                || pkg.endsWith(".comment") || pkg.endsWith(".refresh")) {
            return "DDL";
        }
        return "OTHER";
    }

    private static String selectKind(Select select) {
        String kind = "SELECT";
        if (select instanceof PlainSelect plain && (plain.getIntoTables() != null || plain.getIntoTempTable() != null)) {
            kind = "DDL";
        }
        List<WithItem<?>> with = select.getWithItemsList();
        if (with != null) {
            for (WithItem<?> item : with) {
                Object inner = item.getParenthesedStatement();
                if (inner instanceof ParenthesedDelete) {
                    kind = worse(kind, "DELETE");
                } else if (inner instanceof ParenthesedUpdate) {
                    kind = worse(kind, "UPDATE");
                } else if (inner instanceof ParenthesedInsert) {
                    kind = worse(kind, "INSERT");
                } else if (inner instanceof Select nested) {
                    kind = worse(kind, selectKind(nested));
                }
            }
        }
        return kind;
    }

    static String worse(String a, String b) {
        return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
    }
}

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
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    /**
     * Loads and exercises the parser once. The first parse on a cold JVM loads JSqlParser's grammar and can take
     * hundreds of milliseconds — longer than a plane's time budget, which would fail the first checkpoint closed.
     * Called when a policy that uses {@code sql.kind} is compiled; idempotent and cheap afterwards.
     */
    public static void warmUp() {
        if (!WARM.get() && WARM.compareAndSet(false, true)) {
            classify("SELECT a FROM t WHERE b = 1");
            classify("UPDATE t SET a = 1; DROP TABLE t");
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** Deepest parenthesis nesting that is parsed; the parser's backtracking grows exponentially with depth. */
    public static final int MAX_NESTING = 6;

    /** The kind of {@code sql}; see the class comment. */
    public static String of(String sql) {
        if (sql == null || sql.length() > MAX_LENGTH) {
            return "UNKNOWN";
        }
        String cached = CACHE.get(sql); // the whole answer, pre-checks included, is a function of the text
        if (cached != null) {
            return cached;
        }
        String kind = sql.isBlank() || nesting(sql) > MAX_NESTING || hasDialectDirective(sql) ? "UNKNOWN"
                : classify(sql);
        if ("SELECT".equals(kind) ? !SqlCalls.onlyAllowedCalls(sql) : SqlCalls.callsSideEffectFunction(sql)) {
            // a SELECT may call only functions known to be side-effect free; any statement calling a function that
            // writes files, runs commands or opens connections is UNKNOWN whatever its kind (a narrow UPDATE rule
            // must not let dblink_exec through)
            kind = "UNKNOWN";
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(sql, kind);
        return kind;
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

    private static String classify(String sql) {
        // parsed on the calling thread (parseStatements would spawn an executor), within the shared work budget: the
        // nesting bound alone lets a six-level CASE WHEN (SELECT …) take seconds
        Statements statements = SqlParseBudget.DEFAULT.parse(sql, CCJSqlParser::Statements).value();
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

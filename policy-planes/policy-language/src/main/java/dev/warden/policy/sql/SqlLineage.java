package dev.warden.policy.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Column lineage of a read-only SQL statement: for each column of the result, the table columns it is derived from —
 * through any expression, function, cast, alias, subquery, CTE, set operation or aggregate — so a data source can
 * label what it returns by where the values came from, not by what they look like
 * ({@code SELECT REPLACE(ssn, '-', ' ') AS ref} is derived from {@code customers.ssn}).
 *
 * <p>Besides the per-column sources, {@link Result#predicateSources()} holds the columns that only filter, join,
 * group or order the result (their values shape the answer without being in it). Whatever cannot be resolved with
 * certainty — a column no table in scope has, an ambiguous unqualified name, a construct this analysis does not
 * model, a parse failure — makes the result {@linkplain Result#resolved() unresolved}: callers must then label the
 * whole result with the highest labels of {@linkplain Result#tables() every table touched} (or of the whole schema
 * when even those are unknown). Lineage errs towards more sources, never fewer.
 *
 * <p>Parsing is bounded ({@link SqlParseBudget}): a statement whose parse would cost more than the budget is
 * unresolved without its tables, so it is labelled by the whole schema.
 *
 * <p>Names are compared case-insensitively, unquoted; schema qualifiers are ignored (one schema per catalog).
 * Thread-safe: stateless.
 *
 * {@snippet :
 * SqlLineage.Result r = SqlLineage.of("SELECT name, REPLACE(ssn, '-', '') AS ref FROM customers",
 *         Map.of("customers", List.of("id", "name", "ssn")));
 * r.columns().get(1).sources(); // [customers.ssn]
 * }
 */
public final class SqlLineage {
    private SqlLineage() {}

    /** One output column: its label in the result (alias or column name) and the table columns it derives from. */
    public record OutputColumn(String name, Set<ColumnRef> sources) {}

    /** A table column, lower-cased. */
    public record ColumnRef(String table, String column) {
        public ColumnRef {
            table = table.toLowerCase(Locale.ROOT);
            column = column.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /**
     * The lineage of one statement.
     *
     * @param columns output columns in order (empty when unresolved)
     * @param predicateSources columns read by WHERE, JOIN, GROUP BY, HAVING, ORDER BY and the like
     * @param tables every catalog table the statement reads (lower-cased)
     * @param resolved whether every output column's sources are known; when not, label by {@code tables}
     * @param reason why it is unresolved ({@code null} when resolved)
     */
    public record Result(List<OutputColumn> columns, Set<ColumnRef> predicateSources, Set<String> tables,
            boolean resolved, String reason) {

        /** Every source of every output column and predicate. */
        public Set<ColumnRef> allSources() {
            Set<ColumnRef> all = new LinkedHashSet<>(predicateSources);
            columns.forEach(c -> all.addAll(c.sources()));
            return all;
        }

        /** The output column named {@code name} (case-insensitive), or {@code null}. */
        public OutputColumn column(String name) {
            for (OutputColumn c : columns) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }

        /**
         * Whether the statement was beyond the {@link SqlParseBudget}: unanalysable, so a caller that must know its
         * lineage refuses it ({@link dev.warden.policy.PolicyCodes#SQL_TOO_COMPLEX}).
         */
        public boolean tooComplex() {
            return !resolved && reason != null && reason.startsWith(SqlParseBudget.TOO_COMPLEX);
        }

        static Result unresolved(Set<String> tables, String reason) {
            return new Result(List.of(), Set.of(), tables, false, reason);
        }
    }

    /**
     * Lineage of {@code sql} over {@code catalog} (table name → its columns, in table order, any case). A statement
     * that is not exactly one SELECT is unresolved.
     */
    public static Result of(String sql, Map<String, List<String>> catalog) {
        return of(sql, catalog, SqlParseBudget.configured());
    }

    /**
     * Lineage of {@code sql} within {@code budget}: a statement whose parse would cost more is unresolved, with a
     * reason starting {@link SqlParseBudget#TOO_COMPLEX} ({@link Result#tooComplex()}) — labelled by the whole schema,
     * since not even the tables it touches are known.
     */
    public static Result of(String sql, Map<String, List<String>> catalog, SqlParseBudget budget) {
        if (sql.contains("/*!") || sql.contains("/*+")) {
            // MySQL executable comments and optimizer hints are code to some servers and comments to the parser (as
            // in sql.kind): what they would read is unknown
            return Result.unresolved(Set.of(), "a dialect directive comment (/*! or /*+) the parser cannot see into");
        }
        SqlParseBudget.Parsed<Statement> parsed = budget.parse(sql, CCJSqlParser::Statement);
        if (parsed.value() == null) {
            return Result.unresolved(Set.of(), parsed.failure());
        }
        Statement statement = parsed.value();
        if (!(statement instanceof Select select)) {
            return Result.unresolved(Set.of(), "not a SELECT");
        }
        LineageWalker walker = new LineageWalker(LineageWalker.normalise(catalog));
        try {
            List<OutputColumn> columns = walker.select(select, Scope.EMPTY);
            if (walker.unresolved() != null) {
                return Result.unresolved(walker.tables(), walker.unresolved());
            }
            return new Result(List.copyOf(columns), Set.copyOf(walker.predicates()), walker.tables(), true, null);
        } catch (RuntimeException e) {
            return Result.unresolved(walker.tables(), "not modelled: " + e.getClass().getSimpleName());
        }
    }

    /** Names visible in one query block: alias or table name → the columns it offers, with their sources. */
    record Scope(Map<String, List<OutputColumn>> sources, Scope outer) {
        static final Scope EMPTY = new Scope(Map.of(), null);

        List<OutputColumn> named(String name) {
            List<OutputColumn> here = sources.get(name);
            return here != null || outer == null ? here : outer.named(name);
        }

        /** Every source offering an unqualified {@code column}, innermost block first. */
        List<OutputColumn> offering(String column) {
            List<OutputColumn> found = new ArrayList<>();
            for (List<OutputColumn> cols : sources.values()) {
                for (OutputColumn c : cols) {
                    if (c.name().equalsIgnoreCase(column)) {
                        found.add(c);
                    }
                }
            }
            return found.isEmpty() && outer != null ? outer.offering(column) : found;
        }
    }
}

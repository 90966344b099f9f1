package dev.warden.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import dev.warden.policy.sql.SqlLineage.ColumnRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Issue #23, "property tests for lineage": random SELECTs built from a small grammar over a labelled three-table
 * schema — joins, aliases, quoted and upper-cased names, expressions, functions, casts, CASE, scalar and derived-table
 * subqueries, CTEs, aggregates, UNION, {@code SELECT *} and {@code alias.*} — where the generator knows the true
 * source columns of every output column. The labels {@link ColumnLabels} gives the result, and the labels of each
 * output column by its lineage (what the CRM sample declares per field), are never below RESTRICTED for an output
 * derived from a RESTRICTED column; an unresolved lineage must label the whole result RESTRICTED instead.
 */
class LineageLabelsPropertyTest {
    static final Map<String, List<String>> CATALOG = new LinkedHashMap<>();
    static {
        CATALOG.put("customers", List.of("id", "name", "ssn", "city", "tier"));
        CATALOG.put("orders", List.of("id", "customer_id", "amount", "card", "note"));
        CATALOG.put("accounts", List.of("id", "customer_id", "iban", "balance"));
    }
    static final Labels RESTRICTED = Labels.of(Confidentiality.RESTRICTED, "PII");
    static final ColumnLabels LABELS = new ColumnLabels(CATALOG, Map.of(
            "customers.ssn", RESTRICTED, "orders.card", RESTRICTED, "accounts.iban", RESTRICTED,
            "customers.name", Labels.of(Confidentiality.CONFIDENTIAL, "PII"),
            "customers.id", Labels.PUBLIC, "orders.id", Labels.PUBLIC, "accounts.id", Labels.PUBLIC),
            Labels.of(Confidentiality.INTERNAL));

    @Property(tries = 100)
    void no_output_derived_from_a_restricted_column_is_labelled_lower(@ForAll long seed) {
        Generated q = new Grammar(new Random(seed)).query(2);
        SqlLineage.Result r = SqlLineage.of(q.sql, CATALOG);
        boolean restrictedOutput = q.columns.stream().anyMatch(LineageLabelsPropertyTest::restricted);
        if (restrictedOutput) {
            assertThat(LABELS.of(r).level()).as(q.sql).isEqualTo(Confidentiality.RESTRICTED);
        }
        if (!r.resolved()) {
            return; // per-column labels are withheld; the whole-result label above covers every column
        }
        assertThat(r.columns()).as(q.sql).hasSize(q.columns.size());
        for (int i = 0; i < q.columns.size(); i++) {
            Set<ColumnRef> truth = q.columns.get(i).sources;
            Set<ColumnRef> found = r.columns().get(i).sources();
            assertThat(found).as("column %d of %s", i + 1, q.sql).containsAll(truth);
            if (restricted(q.columns.get(i))) {
                Labels column = Labels.PUBLIC;
                for (ColumnRef ref : found) {
                    column = column.join(LABELS.of(ref));
                }
                assertThat(column.level()).as("column %d of %s", i + 1, q.sql).isEqualTo(Confidentiality.RESTRICTED);
            }
        }
    }

    /**
     * The shape the property found, as a leak: before the fix, every tax id concatenated by a scalar subquery came
     * back resolved, with no sources, and so labelled PUBLIC.
     */
    @Test
    void all_tax_ids_aggregated_in_a_scalar_subquery_are_labelled_restricted() {
        for (String sql : List.of("SELECT (SELECT string_agg(ssn, ',') FROM customers) AS ref",
                "WITH w AS (SELECT tier AS t FROM customers) SELECT t, (SELECT max(ssn) FROM customers) AS ref FROM w",
                "SELECT note FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE ssn LIKE '1%')")) {
            assertThat(LABELS.of(SqlLineage.of(sql, CATALOG)).level()).as(sql).isEqualTo(Confidentiality.RESTRICTED);
        }
    }

    static boolean restricted(Col c) {
        return c.sources.stream().anyMatch(ref -> LABELS.of(ref).level() == Confidentiality.RESTRICTED);
    }

    /** An output column as the generator built it: its name in the result and the columns it truly derives from. */
    record Col(String name, Set<ColumnRef> sources) {}

    record Generated(String sql, List<Col> columns) {}

    /** A relation in a FROM clause: how to write it, its alias, and the columns it offers. */
    record Rel(String from, String alias, List<Col> columns) {}

    /** The grammar; every choice is drawn from {@code rnd}, so a seed reproduces a statement. */
    static final class Grammar {
        private final Random rnd;
        private int names;
        private final List<Rel> ctes = new ArrayList<>();

        Grammar(Random rnd) {
            this.rnd = rnd;
        }

        Generated query(int depth) {
            StringBuilder with = new StringBuilder();
            if (depth > 0 && rnd.nextInt(4) == 0) {
                String name = "w" + (++names);
                Generated body = block(depth - 1, false);
                with.append("WITH ").append(name).append(" AS (").append(body.sql).append(") ");
                ctes.add(new Rel(name, name, body.columns));
            }
            Generated first = block(depth, true);
            if (rnd.nextInt(5) != 0 || first.columns.size() > 3) {
                return new Generated(with + first.sql, first.columns);
            }
            Generated second = block(depth, false);
            while (second.columns.size() != first.columns.size()) {
                second = block(depth, false);
            }
            List<Col> union = new ArrayList<>();
            for (int i = 0; i < first.columns.size(); i++) {
                Set<ColumnRef> s = new LinkedHashSet<>(first.columns.get(i).sources);
                s.addAll(second.columns.get(i).sources);
                union.add(new Col(first.columns.get(i).name, s));
            }
            String op = rnd.nextBoolean() ? " UNION " : " UNION ALL ";
            return new Generated(with + first.sql + op + second.sql, union);
        }

        /** One SELECT block; {@code star} allows {@code *} (only where the names it yields are not referred to). */
        Generated block(int depth, boolean star) {
            List<Rel> from = new ArrayList<>();
            from.add(relation(depth));
            if (rnd.nextInt(3) == 0) {
                from.add(relation(depth));
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            List<Col> out = new ArrayList<>();
            int shape = star ? rnd.nextInt(6) : 5;
            if (shape == 0) {
                sql.append("*");
                from.forEach(r -> out.addAll(r.columns));
            } else if (shape == 1) {
                Rel r = from.get(rnd.nextInt(from.size()));
                sql.append(ident(r.alias)).append(".*");
                out.addAll(r.columns);
            } else {
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    Set<ColumnRef> sources = new LinkedHashSet<>();
                    String e = expr(from, sources, depth, 2);
                    String name = "o" + (++names);
                    sql.append(i == 0 ? "" : ", ").append(e).append(rnd.nextBoolean() ? " AS " : " ").append(name);
                    out.add(new Col(name, sources));
                }
            }
            sql.append(" FROM ").append(fromText(from.get(0)));
            if (from.size() == 2) {
                sql.append(rnd.nextBoolean() ? " JOIN " : " LEFT JOIN ").append(fromText(from.get(1))).append(" ON ")
                        .append(ref(from.get(0), any(from.get(0)))).append(" = ")
                        .append(ref(from.get(1), any(from.get(1))));
            }
            if (rnd.nextBoolean()) {
                Rel r = from.get(rnd.nextInt(from.size()));
                sql.append(" WHERE ").append(ref(r, any(r))).append(" IS NOT NULL");
            }
            if (rnd.nextInt(4) == 0) {
                Rel r = from.get(rnd.nextInt(from.size()));
                sql.append(" ORDER BY ").append(ref(r, any(r)));
            }
            return new Generated(sql.toString(), out);
        }

        private Rel relation(int depth) {
            int pick = rnd.nextInt(depth > 0 ? 5 : 3);
            String alias = "r" + (++names);
            if (pick == 3 && !ctes.isEmpty()) {
                Rel cte = ctes.get(rnd.nextInt(ctes.size()));
                return new Rel(cte.from, rnd.nextBoolean() ? alias : cte.from, cte.columns);
            }
            if (pick >= 3) {
                Generated sub = block(depth - 1, false);
                return new Rel("(" + sub.sql + ")", alias, sub.columns);
            }
            List<String> tables = List.copyOf(CATALOG.keySet());
            String table = tables.get(rnd.nextInt(tables.size()));
            List<Col> cols = new ArrayList<>();
            for (String c : CATALOG.get(table)) {
                cols.add(new Col(c, Set.of(new ColumnRef(table, c))));
            }
            return new Rel(table, rnd.nextBoolean() ? alias : table, cols);
        }

        private String fromText(Rel r) {
            return r.from.equals(r.alias) ? ident(r.from) : r.from + (rnd.nextBoolean() ? " AS " : " ") + r.alias;
        }

        private String expr(List<Rel> from, Set<ColumnRef> sources, int depth, int budget) {
            int pick = budget == 0 ? rnd.nextInt(2) : rnd.nextInt(12);
            switch (pick) {
                case 0, 1 -> {
                    Rel r = from.get(rnd.nextInt(from.size()));
                    Col c = any(r);
                    sources.addAll(c.sources);
                    return ref(r, c);
                }
                case 2 -> {
                    return "upper(" + expr(from, sources, depth, budget - 1) + ")";
                }
                case 3 -> {
                    return "CAST(" + expr(from, sources, depth, budget - 1) + " AS VARCHAR(40))";
                }
                case 4 -> {
                    return "coalesce(" + expr(from, sources, depth, budget - 1) + ", "
                            + expr(from, sources, depth, budget - 1) + ")";
                }
                case 5 -> {
                    return expr(from, sources, depth, budget - 1) + " || '-' || "
                            + expr(from, sources, depth, budget - 1);
                }
                case 6 -> {
                    Rel r = from.get(rnd.nextInt(from.size()));
                    String cond = ref(r, any(r)) + " = 'x'"; // the condition only shapes the value
                    return "CASE WHEN " + cond + " THEN " + expr(from, sources, depth, budget - 1) + " ELSE "
                            + expr(from, sources, depth, budget - 1) + " END";
                }
                case 7 -> {
                    String e = expr(from, sources, depth, budget - 1);
                    return rnd.nextBoolean() ? "max(" + e + ")" : "string_agg(" + e + ", ',')";
                }
                case 8 -> {
                    return "replace(substring(" + expr(from, sources, depth, budget - 1) + ", 1, 4), 'a', 'b')";
                }
                case 9 -> {
                    return rnd.nextBoolean() ? "'literal'" : "count(*)";
                }
                case 10 -> {
                    if (depth == 0) {
                        return "lower(" + expr(from, sources, depth, budget - 1) + ")";
                    }
                    Rel r = relation(depth - 1); // a scalar subquery, correlated or not
                    List<Rel> scope = new ArrayList<>(List.of(r));
                    if (rnd.nextBoolean()) {
                        scope.addAll(from);
                    }
                    return "(SELECT max(" + expr(scope, sources, depth - 1, budget - 1) + ") FROM " + fromText(r)
                            + ")";
                }
                default -> {
                    return "concat(" + expr(from, sources, depth, budget - 1) + ", "
                            + expr(from, sources, depth, budget - 1) + ")";
                }
            }
        }

        private Col any(Rel r) {
            return r.columns.get(rnd.nextInt(r.columns.size()));
        }

        /** A column reference, always qualified (the grammar never relies on name resolution by position). */
        private String ref(Rel r, Col c) {
            return ident(r.alias) + "." + ident(c.name);
        }

        private String ident(String name) {
            return switch (rnd.nextInt(4)) {
                case 0 -> name.toUpperCase(Locale.ROOT);
                case 1 -> "\"" + name + "\"";
                default -> name;
            };
        }
    }
}

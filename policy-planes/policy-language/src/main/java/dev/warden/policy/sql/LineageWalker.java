package dev.warden.policy.sql;

import dev.warden.policy.sql.SqlLineage.ColumnRef;
import dev.warden.policy.sql.SqlLineage.OutputColumn;
import dev.warden.policy.sql.SqlLineage.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The walk behind {@link SqlLineage}. Query blocks, FROM items, CTEs, derived tables and set operations are followed
 * on the AST, so aliases map back to their sources. <em>Inside</em> an expression, a column is found by name on the
 * expression's token stream — any identifier that names a column offered by a source in scope counts, qualified or
 * not — instead of by visiting expression nodes: a construct the visitor does not model cannot hide a column, at the
 * price of counting a same-named column of another table in scope (more labels, never fewer). Subqueries inside
 * expressions are walked as query blocks of their own with the enclosing scope as their outer scope.
 */
final class LineageWalker {
    private final Map<String, List<String>> catalog;
    private final Map<String, List<OutputColumn>> ctes = new HashMap<>();
    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<ColumnRef> predicates = new LinkedHashSet<>();
    private String unresolved;

    LineageWalker(Map<String, List<String>> catalog) {
        this.catalog = catalog;
    }

    static Map<String, List<String>> normalise(Map<String, List<String>> catalog) {
        Map<String, List<String>> out = new HashMap<>();
        catalog.forEach((t, cols) -> out.put(lower(t), cols.stream().map(LineageWalker::lower).toList()));
        return out;
    }

    Set<String> tables() {
        return Set.copyOf(tables);
    }

    Set<ColumnRef> predicates() {
        return predicates;
    }

    String unresolved() {
        return unresolved;
    }

    List<OutputColumn> select(Select s, Scope outer) {
        if (s.getWithItemsList() != null) {
            for (WithItem<?> w : s.getWithItemsList()) {
                if (w.getSelect() == null) {
                    return fail("a CTE that is not a SELECT");
                }
                List<OutputColumn> cols = select(w.getSelect(), outer);
                if (w.getWithItemList() != null) {
                    cols = renamed(cols, w.getWithItemList().stream().map(i -> i.toString()).toList());
                }
                ctes.put(lower(w.getUnquotedAliasName()), cols);
            }
        }
        if (s instanceof PlainSelect p) {
            return plain(p, outer);
        }
        if (s instanceof ParenthesedSelect ps) {
            return select(ps.getSelect(), outer);
        }
        if (s instanceof SetOperationList u) {
            return union(u, outer);
        }
        return fail(s.getClass().getSimpleName());
    }

    private List<OutputColumn> union(SetOperationList u, Scope outer) {
        List<OutputColumn> merged = null;
        for (Select branch : u.getSelects()) {
            List<OutputColumn> cols = select(branch, outer);
            if (merged == null) {
                merged = new ArrayList<>(cols);
            } else if (cols.size() != merged.size()) {
                return fail("set operation branches of different widths");
            } else {
                for (int i = 0; i < cols.size(); i++) {
                    Set<ColumnRef> both = new LinkedHashSet<>(merged.get(i).sources());
                    both.addAll(cols.get(i).sources());
                    merged.set(i, new OutputColumn(merged.get(i).name(), both));
                }
            }
        }
        return merged == null ? List.of() : merged;
    }

    private List<OutputColumn> plain(PlainSelect p, Scope outer) {
        Map<String, List<OutputColumn>> from = new LinkedHashMap<>();
        List<Expression> conditions = new ArrayList<>();
        if (p.getFromItem() != null) {
            fromItem(p.getFromItem(), from, conditions, outer);
        }
        if (p.getJoins() != null) {
            joins(p.getJoins(), from, conditions, outer);
        }
        Scope scope = new Scope(from, outer);
        List<OutputColumn> out = new ArrayList<>();
        for (SelectItem<?> item : p.getSelectItems()) {
            Object e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                List<OutputColumn> cols = scope.named(tableKey(atc.getTable()));
                if (cols == null) {
                    return fail("unknown table in " + atc);
                }
                out.addAll(cols);
            } else if (e instanceof AllColumns) {
                from.values().forEach(out::addAll);
            } else {
                Expression x = (Expression) e;
                String name = item.getAlias() != null ? item.getUnquotedAliasName() : x.toString();
                out.add(new OutputColumn(lower(name), refs(x, scope)));
            }
        }
        for (Expression c : conditions) {
            predicates.addAll(refs(c, scope));
        }
        for (Object part : new Object[] {p.getWhere(), p.getHaving(), p.getGroupBy(), p.getQualify(),
                p.getDistinct()}) {
            predicates.addAll(refsOfText(part, scope));
        }
        if (p.getWhere() != null) {
            subqueries(p.getWhere(), scope);
        }
        if (p.getHaving() != null) {
            subqueries(p.getHaving(), scope);
        }
        if (p.getOrderByElements() != null) {
            for (OrderByElement o : p.getOrderByElements()) {
                predicates.addAll(refs(o.getExpression(), scope));
            }
        }
        return out;
    }

    private void joins(List<Join> joins, Map<String, List<OutputColumn>> from, List<Expression> conditions,
            Scope outer) {
        for (Join j : joins) {
            fromItem(j.getFromItem(), from, conditions, outer);
            if (j.getOnExpressions() != null) {
                conditions.addAll(j.getOnExpressions());
            }
            if (j.getUsingColumns() != null) {
                conditions.addAll(j.getUsingColumns());
            }
        }
    }

    private void fromItem(FromItem f, Map<String, List<OutputColumn>> from, List<Expression> conditions,
            Scope outer) {
        if (f instanceof Table t) {
            String name = tableKey(t);
            List<OutputColumn> cols = ctes.get(name);
            if (cols == null) {
                List<String> columns = catalog.get(name);
                if (columns == null) {
                    fail("table " + name + " is not in the catalog");
                    return;
                }
                tables.add(name);
                cols = columns.stream().map(c -> new OutputColumn(c, Set.of(new ColumnRef(name, c)))).toList();
            }
            String key = t.getAlias() != null ? lower(t.getAlias().getName()) : name;
            if (from.containsKey(key)) {
                // one name for two sources: SELECT * would show only the second (servers refuse it anyway)
                fail("'" + key + "' names two sources in one FROM");
                return;
            }
            from.put(key, cols);
        } else if (f instanceof ParenthesedSelect ps) {
            List<OutputColumn> cols = select(ps.getSelect(), outer);
            from.put(ps.getAlias() != null ? lower(ps.getAlias().getName()) : "\u0000derived" + from.size(), cols);
        } else if (f instanceof ParenthesedFromItem pf) {
            fromItem(pf.getFromItem(), from, conditions, outer);
            if (pf.getJoins() != null) {
                joins(pf.getJoins(), from, conditions, outer);
            }
        } else {
            fail("FROM item " + f.getClass().getSimpleName());
        }
    }

    /** Columns of sources in scope named by identifiers of {@code e}, plus the outputs of its subqueries. */
    private Set<ColumnRef> refs(Expression e, Scope scope) {
        Set<ColumnRef> found = refsOfText(e, scope);
        found.addAll(subqueries(e, scope));
        return found;
    }

    private Set<ColumnRef> subqueries(Expression e, Scope scope) {
        Set<ColumnRef> found = new LinkedHashSet<>();
        e.accept(new ExpressionVisitorAdapter<Void>() {
            // JSqlParser 5.3 dispatches a subquery in an expression (a ParenthesedSelect) to visit(Select, S), not to
            // visit(ParenthesedSelect, S): both are overridden so no subquery's columns are dropped.
            @Override
            public <S> Void visit(ParenthesedSelect sub, S context) {
                select(sub.getSelect(), scope).forEach(c -> found.addAll(c.sources()));
                return null;
            }

            @Override
            public <S> Void visit(Select sub, S context) {
                select(sub, scope).forEach(c -> found.addAll(c.sources()));
                return null;
            }
        }, null);
        return found;
    }

    private Set<ColumnRef> refsOfText(Object part, Scope scope) {
        Set<ColumnRef> found = new LinkedHashSet<>();
        if (part == null) {
            return found;
        }
        for (String name : identifiers(part.toString())) {
            for (OutputColumn c : scope.offering(name)) {
                found.addAll(c.sources());
            }
        }
        return found;
    }

    /** Lower-cased identifiers and keywords of {@code text} (literals excluded). */
    static Set<String> identifiers(String text) {
        Set<String> out = new LinkedHashSet<>();
        CCJSqlParserTokenManager lexer = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(text)));
        for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF; t = lexer.getNextToken()) {
            if (t.kind == CCJSqlParserConstants.S_CHAR_LITERAL) {
                continue;
            }
            String image = t.image;
            if (t.kind == CCJSqlParserConstants.S_QUOTED_IDENTIFIER && image.length() >= 2) {
                image = image.substring(1, image.length() - 1);
            }
            if (!image.isEmpty() && (Character.isLetter(image.charAt(0)) || image.charAt(0) == '_')) {
                out.add(lower(image));
            }
        }
        return out;
    }

    private static List<OutputColumn> renamed(List<OutputColumn> cols, List<String> names) {
        List<OutputColumn> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            out.add(new OutputColumn(i < names.size() ? lower(names.get(i)) : cols.get(i).name(),
                    cols.get(i).sources()));
        }
        return out;
    }

    private static String tableKey(Table t) {
        return lower(t.getUnquotedName());
    }

    static String lower(String s) {
        String x = s == null ? "" : s.strip();
        if (x.length() >= 2 && (x.charAt(0) == '"' || x.charAt(0) == '`') && x.charAt(x.length() - 1) == x.charAt(0)) {
            x = x.substring(1, x.length() - 1);
        }
        return x.toLowerCase(Locale.ROOT);
    }

    private List<OutputColumn> fail(String reason) {
        if (unresolved == null) {
            unresolved = reason;
        }
        return List.of();
    }
}

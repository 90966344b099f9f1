package dev.warden.policy.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.Token;

/**
 * Finds the parentheses that open a common table expression's column list ({@code WITH t(a, b) AS (SELECT …)}) on a
 * token stream, so {@link SqlCalls} does not take {@code t(} for a call (S12-8, decision 0076). Only the exact shape
 * of the grammar counts: {@code WITH [RECURSIVE] name (name [, name]…) AS [NOT] [MATERIALIZED] (…)}, then more items
 * after a comma at the same depth. A call can never sit there, and anything else (an expression in the list, a
 * missing {@code AS}, a list after a {@code SELECT}) is not exempted, so it stays a call and the statement
 * {@code UNKNOWN}.
 */
final class CteColumnLists {
    private CteColumnLists() {}

    /** Indices (in {@code tokens}) of every {@code (} that opens a CTE column list. */
    static Set<Integer> in(List<Token> tokens) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (is(tokens, i, "WITH")) {
                items(tokens, is(tokens, i + 1, "RECURSIVE") ? i + 2 : i + 1, out);
            }
        }
        return out;
    }

    /** The with-items starting at {@code at}: each name, its optional column list, AS and the parenthesised body. */
    private static void items(List<Token> tokens, int at, Set<Integer> out) {
        int i = at;
        while (i < tokens.size() && SqlCalls.nameOf(tokens.get(i)) != null) {
            int next = i + 1;
            int list = -1;
            if (is(tokens, next, "(")) {
                int close = columnList(tokens, next);
                if (close < 0) {
                    return;
                }
                list = next;
                next = close + 1;
            }
            if (!is(tokens, next, "AS")) {
                return;
            }
            int body = next + 1;
            if (is(tokens, body, "NOT")) {
                body++;
            }
            if (is(tokens, body, "MATERIALIZED")) {
                body++;
            }
            int end = is(tokens, body, "(") ? matching(tokens, body) : -1;
            if (end < 0) {
                return;
            }
            if (list >= 0) {
                out.add(list); // the whole item has the grammar's shape: its list names columns
            }
            if (!is(tokens, end + 1, ",")) {
                return;
            }
            i = end + 2;
        }
    }

    /** Index of the {@code )} closing a list of plain names opened at {@code open}, or -1 when it is anything else. */
    private static int columnList(List<Token> tokens, int open) {
        int i = open + 1;
        while (i + 1 < tokens.size() && SqlCalls.nameOf(tokens.get(i)) != null) {
            if (is(tokens, i + 1, ")")) {
                return i + 1;
            }
            if (!is(tokens, i + 1, ",")) {
                return -1;
            }
            i += 2;
        }
        return -1;
    }

    /** Index of the {@code )} matching the {@code (} at {@code open}, or -1. */
    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (is(tokens, i, "(")) {
                depth++;
            } else if (is(tokens, i, ")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(List<Token> tokens, int i, String image) {
        return i < tokens.size() && image.equals(tokens.get(i).image.toUpperCase(Locale.ROOT));
    }
}

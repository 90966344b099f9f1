package dev.warden.policy.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * Decides whether every call in a statement is to a function known to be free of side effects — an
 * <em>allow-list</em>, so a function nobody reviewed ({@code query_to_xml('DELETE …')}, {@code lo_import},
 * {@code CSVWRITE}) makes the statement {@code UNKNOWN} instead of {@code SELECT}.
 *
 * <p>Calls are found on JSqlParser's token stream, not in the text: comments between the name and the parenthesis
 * ({@code CSVWRITE/**}{@code /(…)}), quoted names ({@code "CSVWRITE"(…)}), bracketed or back-quoted names and
 * schema-qualified names ({@code pg_catalog.pg_read_file(…)}) are all seen as the call they are, and names inside
 * string literals are not calls. Token streams are used rather than an AST visitor because JSqlParser's visitors skip
 * parts of a statement (e.g. {@code ORDER BY} expressions): every name followed by {@code (} is checked, wherever it
 * sits. A name before {@code (} that is neither an allowed function nor one of the grammar's own keywords that take
 * a parenthesis ({@code IN}, {@code EXISTS}, {@code OVER}, {@code CAST}…) is refused — including alias column lists,
 * which a read-only assistant does not need. A CTE's column list ({@code WITH t(a, b) AS (…)}) is not a call when the
 * tokens around it prove it is one ({@link CteColumnLists}).
 *
 * <p>Literal forms whose lexing differs between JSqlParser and the servers — backslash escapes
 * ({@code E'\''}), Unicode escapes ({@code U&"…"}) and dollar quoting ({@code $tag$…$tag$}) — are refused, so the
 * parser cannot be made to see a string where the server sees code.
 */
final class SqlCalls {
    private SqlCalls() {}

    /** Keywords of the grammar that are followed by a parenthesis without being a function call. */
    static final Set<String> STRUCTURAL = Set.of("IN", "EXISTS", "VALUES", "OVER", "FILTER", "AS", "ON", "USING",
            "ANY", "ALL", "SOME", "CAST", "TRY_CAST", "EXTRACT", "AND", "OR", "NOT", "WHERE", "SELECT", "FROM",
            "JOIN", "HAVING", "BY", "THEN", "ELSE", "WHEN", "CASE", "WITHIN", "GROUP", "LIKE", "ILIKE", "IS",
            "BETWEEN", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "MINUS", "DISTINCT", "INTERVAL",
            "LATERAL", "ROW", "ARRAY", "TABLE", "END", "WITH", "RECURSIVE", "WINDOW", "PARTITION", "ORDER", "ASC",
            "DESC", "NULLS", "FIRST", "LAST", "RANGE", "ROWS", "PRECEDING", "FOLLOWING", "CURRENT", "UNBOUNDED",
            "ESCAPE", "COLLATE", "AT", "ZONE", "NULL", "TRUE", "FALSE", "INNER", "LEFT", "RIGHT", "FULL", "OUTER",
            "CROSS", "NATURAL", "DECIMAL", "NUMERIC", "VARCHAR", "CHAR", "CHARACTER", "TIMESTAMP", "TIME", "DATE",
            "FLOAT", "DOUBLE", "PRECISION", "INT", "INTEGER", "BIGINT", "SMALLINT", "VARYING", "TEXT", "BOOLEAN");

    /**
     * Side-effect-free functions admitted in a read-only statement, for H2 and PostgreSQL alike (a name is listed
     * only when it is pure in both dialects; see docs/policy-guide.md for the per-dialect notes).
     */
    static final Set<String> ALLOWED = Set.of(
            // aggregates and window functions
            "COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP",
            "VAR_SAMP", "MEDIAN", "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE", "BOOL_AND", "BOOL_OR", "EVERY",
            "STRING_AGG", "LISTAGG", "ARRAY_AGG", "GROUP_CONCAT", "ROW_NUMBER", "RANK", "DENSE_RANK",
            "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
            // conditionals
            "COALESCE", "NULLIF", "GREATEST", "LEAST", "IFNULL", "NVL", "NVL2", "CASEWHEN", "DECODE",
            // strings
            "LOWER", "UPPER", "LCASE", "UCASE", "INITCAP", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH",
            "OCTET_LENGTH", "BIT_LENGTH", "TRIM", "LTRIM", "RTRIM", "BTRIM", "SUBSTRING", "SUBSTR", "LEFT", "RIGHT",
            "LPAD", "RPAD", "REPLACE", "TRANSLATE", "POSITION", "STRPOS", "LOCATE", "INSTR", "CONCAT", "CONCAT_WS",
            "REPEAT", "REVERSE", "SPLIT_PART", "REGEXP_REPLACE", "REGEXP_LIKE", "REGEXP_SUBSTR", "REGEXP_MATCHES",
            "STARTS_WITH", "ASCII", "CHR", "TO_CHAR", "FORMAT", "MD5", "HEX", "RAWTOHEX", "TO_HEX", "SOUNDEX",
            // numbers
            "ABS", "CEIL", "CEILING", "FLOOR", "ROUND", "TRUNC", "TRUNCATE", "MOD", "POWER", "POW", "SQRT", "EXP",
            "LN", "LOG", "LOG10", "SIGN", "DIV", "TO_NUMBER", "WIDTH_BUCKET",
            // dates
            "NOW", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "DATE_TRUNC",
            "DATE_PART", "DATEADD", "DATEDIFF", "DATE_ADD", "DATE_SUB", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE",
            "SECOND", "QUARTER", "WEEK", "DAY_OF_WEEK", "DAYOFWEEK", "DAY_OF_MONTH", "DAY_OF_YEAR", "TO_DATE",
            "TO_TIMESTAMP", "AGE", "MAKE_DATE", "FORMATDATETIME", "PARSEDATETIME");

    /** Whether every call in {@code sql} is allowed (false on any lexical error or refused literal form). */
    static boolean onlyAllowedCalls(String sql) {
        try {
            List<Token> tokens = tokens(sql);
            Set<Integer> columnLists = CteColumnLists.in(tokens);
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (!acceptableLiteral(t)) {
                    return false;
                }
                if ("(".equals(t.image) && i > 0 && !columnLists.contains(i)
                        && !callAllowed(tokens.get(i - 1), i > 1 ? tokens.get(i - 2) : null)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | Error e) { // TokenMgrException is an Error
            return false;
        }
    }

    /** The tokens of {@code sql}, end marker excluded; throws on a lexical error. */
    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        CCJSqlParserTokenManager lexer = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(sql)));
        for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF; t = lexer.getNextToken()) {
            out.add(t);
        }
        return out;
    }

    private static boolean acceptableLiteral(Token t) {
        String image = t.image;
        if (t.kind == CCJSqlParserConstants.S_CHAR_LITERAL) {
            return image.indexOf('\\') < 0;
        }
        if (t.kind == CCJSqlParserConstants.S_QUOTED_IDENTIFIER) {
            return !image.startsWith("$") && image.indexOf('\\') < 0;
        }
        return !"&".equals(image) && image.indexOf('$') < 0;
    }

    /**
     * {@code previous} is the token before a {@code (}. A name (identifier, quoted identifier or keyword) must be an
     * allowed function or a structural keyword; anything else before the parenthesis (an operator, a comma, another
     * parenthesis, a literal) makes it a grouping, not a call.
     */
    private static boolean callAllowed(Token previous, Token beforePrevious) {
        String name = nameOf(previous);
        if (name == null) {
            return true;
        }
        boolean qualified = beforePrevious != null && ".".equals(beforePrevious.image);
        if (!qualified && STRUCTURAL.contains(name)) {
            return true;
        }
        return ALLOWED.contains(name);
    }

    /** The upper-cased name a token spells if it can name a function, else {@code null}. */
    static String nameOf(Token t) {
        String image = t.image;
        if (image == null || image.isEmpty()) {
            return null;
        }
        if (t.kind == CCJSqlParserConstants.S_QUOTED_IDENTIFIER || "]".equals(image)) {
            return "\u0000quoted"; // a quoted function name is never on the allow-list: spelled plainly, it would be
        }
        char c = image.charAt(0);
        if (!Character.isLetter(c) && c != '_') {
            return null;
        }
        for (int i = 1; i < image.length(); i++) {
            char d = image.charAt(i);
            if (!Character.isLetterOrDigit(d) && d != '_') {
                return null;
            }
        }
        return image.toUpperCase(Locale.ROOT);
    }

    /** Functions that write files, run commands, open connections or run dynamic SQL, in any statement. */
    static final Set<String> SIDE_EFFECTS = Set.of("CSVWRITE", "FILE_WRITE", "FILE_READ", "LINK_SCHEMA",
            "LO_EXPORT", "LO_IMPORT", "LO_FROM_BYTEA", "PG_READ_FILE", "PG_READ_BINARY_FILE", "PG_LS_DIR",
            "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "DBLINK", "DBLINK_EXEC", "LOAD_FILE", "SYS_EXEC", "SYS_EVAL",
            "XP_CMDSHELL", "SET_CONFIG", "QUERY_TO_XML", "TABLE_TO_XML", "PG_SLEEP", "SLEEP", "BENCHMARK");

    /**
     * Whether a statement of any kind calls a known side-effect function (or a {@code UTL_}/{@code DBMS_} package),
     * found on the token stream as in {@link #onlyAllowedCalls}; true on a lexical error (cannot tell).
     */
    static boolean callsSideEffectFunction(String sql) {
        try {
            for (String name : calls(sql)) {
                if (SIDE_EFFECTS.contains(name) || name.startsWith("UTL_") || name.startsWith("DBMS_")) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | Error e) {
            return true;
        }
    }

    /** The names of all calls in {@code sql} (upper-cased; for diagnostics and tests). */
    static Set<String> calls(String sql) {
        Set<String> out = new HashSet<>();
        Token previous = null;
        CCJSqlParserTokenManager lexer = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(sql)));
        for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF; t = lexer.getNextToken()) {
            if ("(".equals(t.image) && previous != null) {
                String name = nameOf(previous);
                if (name != null && !STRUCTURAL.contains(name)) {
                    out.add(name);
                }
            }
            previous = t;
        }
        return out;
    }
}

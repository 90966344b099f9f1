package dev.warden.policy.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.feature.Feature;

/**
 * How much work parsing one SQL text may cost: the one bound behind {@link SqlLineage} and the policy language's
 * {@code sql.kind}. Beyond it the text is <em>unanalysable</em> — lineage unresolved, kind {@code UNKNOWN} — which
 * callers treat as the most dangerous answer (fail closed).
 *
 * <p>Why a work budget and not a size limit: JSqlParser's lookahead backtracks over parenthesised expressions, so the
 * cost grows exponentially with how deeply subqueries nest inside expressions — two to five times per level: a
 * 518-character query with six levels of {@code CASE WHEN (SELECT …)} took seconds, the same shape one level deeper
 * several times that — while a flat query thousands of characters long parses in milliseconds. The parser consults
 * its feature switches in the lookahead of every primary expression; {@link #parse} counts those consultations as
 * <em>steps</em> (they track the backtracking closely, and unlike wall time they do not depend on the machine's
 * load) and, past {@link #maxSteps()}, sets the parser's own {@code interrupted} flag, which makes the remaining
 * lookaheads fail at once. Tokens are counted before parsing, by the lexer alone (linear).
 *
 * <p>Parsing runs on the caller's thread: no executor, no timer.
 *
 * @param maxTokens most tokens a text may have (counted by the lexer before any parsing)
 * @param maxSteps most parser steps one parse may take
 */
public record SqlParseBudget(int maxTokens, long maxSteps) {
    /**
     * The default: 4,096 tokens and 20,000 steps. Realistic analytic queries (CTEs, joins, CASE, IN- and scalar
     * subqueries two or three levels deep) take a few hundred to a few thousand steps; 20,000 steps cost well under
     * a second even on a loaded two-core machine.
     */
    public static final SqlParseBudget DEFAULT = new SqlParseBudget(4096, 20_000);
    /** The reason every over-budget result starts with. */
    public static final String TOO_COMPLEX = "too complex to analyse";

    private static volatile SqlParseBudget configured = DEFAULT;

    /**
     * The budget of {@code sql.kind} and of {@link SqlLineage#of(String, java.util.Map)}: {@link #DEFAULT} unless the
     * application {@link #configure configured} another (the Quarkus starter does, from
     * {@code warden.sql.parse-budget.*}).
     */
    public static SqlParseBudget configured() {
        return configured;
    }

    /**
     * Sets the process-wide budget (once, at startup, before policies are evaluated); results computed with the
     * previous budget are not reused.
     */
    public static void configure(SqlParseBudget budget) {
        configured = java.util.Objects.requireNonNull(budget, "budget");
    }

    public SqlParseBudget {
        if (maxTokens <= 0 || maxSteps <= 0) {
            throw new IllegalArgumentException("a SQL parse budget must be positive");
        }
    }

    /**
     * The outcome of a budgeted parse.
     *
     * @param value what the parse produced, {@code null} when it failed or the budget ran out
     * @param steps parser steps taken (0 when refused before parsing)
     * @param tokens tokens counted
     * @param exceeded whether a bound was hit (then {@code failure} starts with {@link #TOO_COMPLEX})
     * @param failure why there is no value, {@code null} on success
     */
    public record Parsed<T>(T value, long steps, int tokens, boolean exceeded, String failure) {}

    /**
     * Parses {@code sql} with {@code production} (e.g. {@code CCJSqlParser::Statement}) within this budget. Never
     * throws: a parse error, a lexical error or a spent budget is a failed {@link Parsed}.
     */
    public <T> Parsed<T> parse(String sql, Production<T> production) {
        int tokens;
        try {
            tokens = tokens(sql, maxTokens);
        } catch (RuntimeException | Error e) { // TokenMgrException is an Error
            return new Parsed<>(null, 0, 0, false, "unparsable");
        }
        if (tokens > maxTokens) {
            return new Parsed<>(null, 0, tokens, true, TOO_COMPLEX + ": more than " + maxTokens + " tokens");
        }
        Counting parser = new Counting(sql, maxSteps);
        try {
            T value = production.apply(parser);
            if (parser.interrupted) {
                return exceeded(parser, tokens);
            }
            return new Parsed<>(value, parser.steps, tokens, false, null);
        } catch (Exception | StackOverflowError e) {
            return parser.interrupted ? exceeded(parser, tokens)
                    : new Parsed<>(null, parser.steps, tokens, false, "unparsable");
        }
    }

    private <T> Parsed<T> exceeded(Counting parser, int tokens) {
        return new Parsed<>(null, parser.steps, tokens, true, TOO_COMPLEX + ": the parser's work exceeded "
                + maxSteps + " steps (deeply nested subqueries or parentheses)");
    }

    /** A parser production: {@code CCJSqlParser::Statement}, {@code CCJSqlParser::Statements}. */
    @FunctionalInterface
    public interface Production<T> {
        T apply(CCJSqlParser parser) throws ParseException;
    }

    /** Tokens of {@code sql}, counting stops once past {@code limit}. */
    private static int tokens(String sql, int limit) {
        CCJSqlParserTokenManager lexer = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(sql)));
        int n = 0;
        for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF && n <= limit;
                t = lexer.getNextToken()) {
            n++;
        }
        return n;
    }

    /** The parser, counting its lookahead's feature consultations and interrupting itself past the budget. */
    private static final class Counting extends CCJSqlParser {
        private final long max;
        long steps;

        Counting(String sql, long max) {
            super(new StringProvider(sql));
            this.max = max;
        }

        @Override
        public boolean getAsBoolean(Feature f) {
            if (++steps > max) {
                interrupted = true; // the grammar's lookaheads check it: the parse fails fast from here on
            }
            return super.getAsBoolean(f);
        }
    }
}

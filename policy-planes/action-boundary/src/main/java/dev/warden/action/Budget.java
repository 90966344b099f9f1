package dev.warden.action;

import dev.warden.core.Effect;
import dev.warden.core.ToolDescriptor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A budget or rate limit: at most {@code limit} units of {@code meter} per {@code scope} per {@code window}.
 *
 * <p>Windows are fixed and aligned on the epoch in UTC (a one-day window is a UTC calendar day); a {@link
 * BudgetScope#RUN} budget has one window per run. Tool-call and amount budgets apply to the tools matched by
 * {@link #tools()} (exact names or {@code prefix*} patterns; empty = every tool) and, if set, having
 * {@link #effect()}. Money is counted in hundredths ({@link #AMOUNT_SCALE} decimals), rounded up, so a limit of
 * {@code 5000.00} is never exceeded by fractions.
 *
 * <pre>{@code
 * Budget.toolCalls("tool-calls-per-run", BudgetScope.RUN, 20, Duration.ofDays(1));
 * Budget.modelCalls("model-calls-per-user-minute", BudgetScope.USER, 30, Duration.ofMinutes(1));
 * Budget.tokens("tokens-per-agent-day", BudgetScope.AGENT, 2_000_000, Duration.ofDays(1));
 * Budget.amount("money-per-user-day", BudgetScope.USER, new BigDecimal("5000"), Duration.ofDays(1), "args.amount");
 * }</pre>
 *
 * @param name stable name, appears in denial reasons and store keys
 * @param meter what is counted
 * @param scope whose consumption is counted
 * @param limit most units per window (money: hundredths)
 * @param window length of a window
 * @param tools tool patterns the budget applies to (tool-call and amount budgets); empty = all
 * @param effect effect a tool must have for the budget to apply, or {@code null}
 * @param amountArgument argument path of the amount ({@code args.amount}, {@code payment.value}), amount budgets only
 */
public record Budget(String name, Meter meter, BudgetScope scope, long limit, Duration window, Set<String> tools,
        Effect effect, String amountArgument) {
    /** Decimals kept for money amounts. */
    public static final int AMOUNT_SCALE = 2;

    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        if (limit < 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("budget '" + name + "' needs a limit >= 0 and a positive window");
        }
        tools = tools == null ? Set.of() : Set.copyOf(tools);
        if (meter == Meter.AMOUNT) {
            Objects.requireNonNull(amountArgument, "an amount budget needs an amount argument path");
            amountArgument = amountArgument.startsWith("args.") ? amountArgument.substring(5) : amountArgument;
        }
    }

    public static Budget toolCalls(String name, BudgetScope scope, long limit, Duration window) {
        return new Budget(name, Meter.TOOL_CALLS, scope, limit, window, null, null, null);
    }

    public static Budget modelCalls(String name, BudgetScope scope, long limit, Duration window) {
        return new Budget(name, Meter.MODEL_CALLS, scope, limit, window, null, null, null);
    }

    public static Budget tokens(String name, BudgetScope scope, long limit, Duration window) {
        return new Budget(name, Meter.TOKENS, scope, limit, window, null, null, null);
    }

    /** Money moved by tools with effect {@link Effect#FINANCIAL}, read from {@code argumentPath}. */
    public static Budget amount(String name, BudgetScope scope, BigDecimal limit, Duration window,
            String argumentPath) {
        return new Budget(name, Meter.AMOUNT, scope, toUnits(limit), window, null, Effect.FINANCIAL, argumentPath);
    }

    /** A copy that applies only to these tool patterns. */
    public Budget withTools(String... patterns) {
        return new Budget(name, meter, scope, limit, window, Set.of(patterns), effect, amountArgument);
    }

    /** A copy that applies only to tools with {@code value} ({@code null}: any tool). */
    public Budget withEffect(Effect value) {
        return new Budget(name, meter, scope, limit, window, tools, value, amountArgument);
    }

    /** Whether this budget meters a call of {@code tool}. */
    public boolean appliesTo(ToolDescriptor tool) {
        if (effect != null && !tool.hasEffect(effect)) {
            return false;
        }
        if (tools.isEmpty()) {
            return true;
        }
        for (String p : tools) {
            if (p.endsWith("*") ? tool.name().startsWith(p.substring(0, p.length() - 1)) : p.equals(tool.name())) {
                return true;
            }
        }
        return false;
    }

    /** Money in store units (hundredths, rounded up). */
    public static long toUnits(BigDecimal amount) {
        return amount.setScale(AMOUNT_SCALE, RoundingMode.UP).unscaledValue().longValueExact();
    }

    /** Store units rendered for humans: money as a decimal, everything else as is. */
    public String render(long units) {
        return meter == Meter.AMOUNT ? BigDecimal.valueOf(units, AMOUNT_SCALE).toPlainString() : Long.toString(units);
    }
}

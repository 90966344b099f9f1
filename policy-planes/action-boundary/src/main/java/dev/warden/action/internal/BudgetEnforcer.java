package dev.warden.action.internal;

import dev.warden.action.ActionCodes;
import dev.warden.action.Budget;
import dev.warden.action.BudgetKey;
import dev.warden.action.BudgetScope;
import dev.warden.action.BudgetStore;
import dev.warden.action.Meter;
import dev.warden.core.Basis;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.ToolDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the budgets at the checkpoints that consume them. Reservations of one request are all-or-nothing: when a
 * later budget refuses, the earlier reservations of the same request are released. Returns a denial or {@code null}.
 */
public final class BudgetEnforcer {
    public static final String RULE_PREFIX = "action-boundary.budget.";
    static final String TOKEN_WATERMARK = "warden.tokens-seen";

    private record Held(BudgetKey key, long amount) {}

    /** A refusal, or what was reserved when granted. */
    public record Reserved(Decision refusal, List<ReservationHolds.Held> held) {
    }

    private final String plane;
    private final List<Budget> budgets;
    private final BudgetStore store;
    private final Clock clock;
    private final boolean sharedTokenBudgets;

    public BudgetEnforcer(String plane, List<Budget> budgets, BudgetStore store, Clock clock) {
        this.plane = plane;
        this.budgets = List.copyOf(budgets);
        this.store = store;
        this.clock = clock;
        this.sharedTokenBudgets = budgets.stream().anyMatch(b -> b.meter() == Meter.TOKENS
                && b.scope() != BudgetScope.RUN);
    }

    public boolean isEmpty() {
        return budgets.isEmpty();
    }

    public Reserved atToolCall(ToolDescriptor tool, Map<String, Object> args, GovernanceContext ctx) {
        List<Held> held = new ArrayList<>();
        for (Budget b : budgets) {
            if ((b.meter() != Meter.TOOL_CALLS && b.meter() != Meter.AMOUNT) || !b.appliesTo(tool)) {
                continue;
            }
            long units;
            if (b.meter() == Meter.AMOUNT) {
                String problem = AmountReader.problem(args, b.amountArgument());
                if (problem != null) {
                    releaseAll(held);
                    return new Reserved(deny(b, "budget '" + b.name() + "' meters argument '" + b.amountArgument() + "' of tool '"
                            + tool.name() + "', which " + problem, ActionCodes.AMOUNT_INVALID), List.of());
                }
                units = Budget.toUnits(AmountReader.amount(args, b.amountArgument()));
            } else {
                units = 1;
            }
            Decision refused = reserve(b, units, ctx, held);
            if (refused != null) {
                return new Reserved(refused, List.of());
            }
        }
        return new Reserved(null, held(held));
    }

    public Reserved atModelRequest(GovernanceContext ctx) {
        List<Held> held = new ArrayList<>();
        for (Budget b : budgets) {
            if (b.meter() == Meter.MODEL_CALLS) {
                Decision refused = reserve(b, 1, ctx, held);
                if (refused != null) {
                    return new Reserved(refused, List.of());
                }
            } else if (b.meter() == Meter.TOKENS) {
                long spent = b.scope() == BudgetScope.RUN ? tokens(ctx) : store.used(key(b, ctx, clock.instant()));
                if (spent >= b.limit()) {
                    releaseAll(held);
                    return new Reserved(exceeded(b, spent, 0, ctx), List.of());
                }
            }
        }
        return new Reserved(null, held(held));
    }

    private static List<ReservationHolds.Held> held(List<Held> held) {
        List<ReservationHolds.Held> out = new ArrayList<>(held.size());
        held.forEach(h -> out.add(new ReservationHolds.Held(h.key(), h.amount())));
        return out;
    }

    public Decision atModelResponse(GovernanceContext ctx) {
        long total = tokens(ctx);
        long delta = 0;
        Instant now = clock.instant();
        if (sharedTokenBudgets) {
            BudgetKey watermark = new BudgetKey(TOKEN_WATERMARK, subject(BudgetScope.RUN, ctx), 0);
            delta = Math.max(0, total - store.advanceTo(watermark, total, now.plus(Duration.ofDays(1))));
        }
        for (Budget b : budgets) {
            if (b.meter() != Meter.TOKENS) {
                continue;
            }
            long spent = b.scope() == BudgetScope.RUN ? total
                    : delta == 0 ? store.used(key(b, ctx, now)) : store.consume(key(b, ctx, now), delta, expiry(b, now));
            if (spent > b.limit()) {
                return exceeded(b, spent, 0, ctx);
            }
        }
        return null;
    }

    private Decision reserve(Budget b, long units, GovernanceContext ctx, List<Held> held) {
        Instant now = clock.instant();
        BudgetKey key = key(b, ctx, now);
        BudgetStore.Reservation r = units > b.limit() ? new BudgetStore.Reservation(false, store.used(key), b.limit())
                : store.tryReserve(key, units, b.limit(), expiry(b, now));
        if (!r.granted()) {
            releaseAll(held);
            return exceeded(b, r.used(), units, ctx);
        }
        held.add(new Held(key, units));
        return null;
    }

    private void releaseAll(List<Held> held) {
        held.forEach(h -> store.release(h.key(), h.amount()));
        held.clear();
    }

    private Decision exceeded(Budget b, long used, long wanted, GovernanceContext ctx) {
        String per = switch (b.scope()) {
            case RUN -> "run " + subject(BudgetScope.RUN, ctx);
            case USER -> "user " + subject(BudgetScope.USER, ctx);
            case AGENT -> "agent " + subject(BudgetScope.AGENT, ctx);
        };
        return deny(b, "budget '" + b.name() + "' exceeded for " + per + ": " + b.render(used) + " of "
                + b.render(b.limit()) + " " + b.meter().name().toLowerCase(java.util.Locale.ROOT) + " used"
                + (wanted > 0 ? ", this call needs " + b.render(wanted) : "") + " (window " + b.window() + ")",
                ActionCodes.BUDGET_EXCEEDED);
    }

    private Decision deny(Budget b, String reason, String code) {
        return Decision.deny(reason, code, new Basis(plane, null, null, List.of(RULE_PREFIX + b.name()),
                Basis.Mode.ENFORCE));
    }

    static long tokens(GovernanceContext ctx) {
        return ctx.usage().inputTokens() + ctx.usage().outputTokens();
    }

    static BudgetKey key(Budget b, GovernanceContext ctx, Instant now) {
        long start = 0;
        if (b.scope() != BudgetScope.RUN) {
            long w = b.window().toMillis();
            start = Math.floorDiv(now.toEpochMilli(), w) * w;
        }
        return new BudgetKey(b.name(), subject(b.scope(), ctx), start);
    }

    static Instant expiry(Budget b, Instant now) {
        if (b.scope() == BudgetScope.RUN) {
            return now.plus(b.window());
        }
        long w = b.window().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), w) * w + w);
    }

    static String subject(BudgetScope scope, GovernanceContext ctx) {
        return switch (scope) {
            case RUN -> ctx.runId() == null ? "(no run id)" : ctx.runId();
            case USER -> ctx.tenant() + "/" + ctx.user().id();
            case AGENT -> ctx.agent().id();
        };
    }
}

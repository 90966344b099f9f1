package dev.warden.action;

import dev.warden.action.internal.BudgetEnforcer;
import dev.warden.action.internal.ReservationHolds;
import dev.warden.action.internal.ToolLists;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.PlaneRules;
import dev.warden.policy.PolicyEngine;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The action-boundary plane: what an agent may do to the world, and how much of it.
 *
 * <h2>What it decides</h2>
 * At every checkpoint it subscribes to, in this order:
 * <ol>
 *   <li><b>Malformed input</b> is denied ({@link ActionCodes#MALFORMED_REQUEST}): a {@code TOOL_CALL} without a
 *       named tool.</li>
 *   <li><b>Tool lists</b> per agent ({@link Builder#allowTools}, {@link Builder#denyTools}): a deny-list match is
 *       {@link ActionCodes#TOOL_DENIED}; an agent with an allow list may call only listed tools
 *       ({@link ActionCodes#TOOL_NOT_ALLOWED}).</li>
 *   <li>The policy engine's {@code plane: action-boundary} rules: argument constraints in CEL over {@code args},
 *       effects ({@code "WRITE" in tool.effects}), {@code sql.kind(args.query)}, {@code require_approval} gates and
 *       {@code transform} rules that clamp, strip or force arguments (the rule's reason is recorded).</li>
 *   <li><b>Budgets</b> ({@link Budget}), only when the outcome so far lets the action proceed (allow or transform;
 *       money is read from the <em>transformed</em> arguments): tool calls and money at {@code TOOL_CALL}, model
 *       calls and spent tokens at {@code MODEL_REQUEST}, tokens charged at {@code MODEL_RESPONSE}. An exhausted
 *       budget is {@link ActionCodes#BUDGET_EXCEEDED} naming the budget; a store that cannot answer is
 *       {@link ActionCodes#BUDGET_STORE_UNAVAILABLE}. Reservations are atomic ({@link BudgetStore}).</li>
 * </ol>
 * Built-in denials record rule ids {@code action-boundary.builtin.*} or {@code action-boundary.budget.<name>}.
 * A reservation is held until the runtime settles the call: released when the call does not run ({@link #aborted}:
 * another plane denied it, the tool failed, an approver refused it or the approval expired), kept when it ran
 * ({@link #committed}). A call that waits for approval reserves when it is suspended (an over-budget call is denied
 * rather than put to an approver). A reservation whose settlement never comes (a seam that does not settle, a
 * restart) stays counted: budgets err on the safe side.
 *
 * <h2>Threading</h2>
 * Immutable after {@link Builder#build()} and thread-safe; with the {@link InMemoryBudgetStore} evaluation is pure
 * CPU and lock-free (safe on an event loop).
 *
 * <pre>{@code
 * ActionBoundaryPlane plane = ActionBoundaryPlane.builder().engine(engine).clock(clock)
 *         .allowTools("crm-analyst", "crm.*", "sql.query", "email.draft", "email.send")
 *         .budget(Budget.toolCalls("tool-calls-per-run", BudgetScope.RUN, 20, Duration.ofDays(1)))
 *         .budget(Budget.amount("money-per-user-day", BudgetScope.USER, new BigDecimal("5000"),
 *                 Duration.ofDays(1), "args.amount"))
 *         .build();
 * }</pre>
 */
public final class ActionBoundaryPlane implements PolicyPlane {
    /** The plane name rules target with {@code plane: action-boundary}. */
    public static final String NAME = "action-boundary";
    /** After identity (100), before data-flow (300). */
    public static final int PRIORITY = 200;
    static final String RULE_MALFORMED = "action-boundary.builtin.well-formed";

    private final PlaneRules rules;
    private final Set<Checkpoint> checkpoints;
    private final ToolLists toolLists;
    private final BudgetEnforcer budgets;
    private final ReservationHolds holds;

    private ActionBoundaryPlane(Builder b) {
        this.rules = PlaneRules.of(NAME, b.engine);
        this.checkpoints = Set.copyOf(b.checkpoints);
        this.toolLists = new ToolLists(NAME, b.allow, b.deny);
        Clock clock = b.clock;
        BudgetStore store = b.store != null ? b.store : new InMemoryBudgetStore(clock);
        this.budgets = new BudgetEnforcer(NAME, b.budgets, store, clock);
        this.holds = new ReservationHolds(store);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Answer text is judged here only by this plane's policy rules at {@code checkpoint}: without any, a streamed run
     * need not hold its answer back for this plane. Budgets at {@code MODEL_RESPONSE} judge usage, not
     * text, so they do not count.
     */
    @Override
    public boolean judgesAnswerText(Checkpoint checkpoint) {
        return checkpoints.contains(checkpoint) && rules.judgeText(checkpoint);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        Checkpoint cp = request.checkpoint();
        if (cp == Checkpoint.TOOL_CALL) {
            if (request.tool() == null || request.tool().name().isBlank()) {
                return Decision.deny("tool call names no tool", ActionCodes.MALFORMED_REQUEST,
                        new Basis(NAME, null, null, List.of(RULE_MALFORMED), Basis.Mode.ENFORCE));
            }
            Decision listed = toolLists.check(context.agent().id(), request.tool().name());
            if (listed != null) {
                return listed;
            }
        }
        Decision ruled = rules.evaluate(request, context);
        // a call waiting for a human may still run: it reserves now, and is released if refused (aborted)
        boolean mayRun = ruled instanceof Decision.Allow || ruled instanceof Decision.Transform
                || ruled instanceof Decision.RequireApproval || ruled instanceof Decision.RequireConfirmation
                || !ruled.basis().enforced();
        if (!mayRun || budgets.isEmpty()) {
            return ruled;
        }
        Decision overBudget = budget(request, ruled, context);
        return overBudget != null ? overBudget : ruled;
    }

    /** The call ran: what it reserved stays counted. */
    @Override
    public void committed(Settlement settlement) {
        holds.commit(settlement.request(), settlement.context());
    }

    /** The call did not run (denied by any plane, failed, refused or expired at approval): release its reservations. */
    @Override
    public void aborted(Settlement settlement) {
        holds.release(settlement.request(), settlement.context());
    }

    private Decision budget(CheckpointRequest request, Decision ruled, GovernanceContext context) {
        try {
            BudgetEnforcer.Reserved r = switch (request.checkpoint()) {
                case TOOL_CALL -> budgets.atToolCall(request.tool(), ruled instanceof Decision.Transform t
                        && t.basis().enforced() && t.arguments() != null ? t.arguments() : request.arguments(), context);
                case MODEL_REQUEST -> budgets.atModelRequest(context);
                case MODEL_RESPONSE -> new BudgetEnforcer.Reserved(budgets.atModelResponse(context), List.of());
                default -> new BudgetEnforcer.Reserved(null, List.of());
            };
            holds.hold(request, context, r.held());
            return r.refusal();
        } catch (RuntimeException e) {
            return Decision.deny("budget store unavailable: " + e.getMessage(), ActionCodes.BUDGET_STORE_UNAVAILABLE,
                    new Basis(NAME, null, null, List.of(BudgetEnforcer.RULE_PREFIX + "store"), Basis.Mode.ENFORCE));
        }
    }

    /** Builds an {@link ActionBoundaryPlane}; not thread-safe, use once. */
    public static final class Builder {
        private PolicyEngine engine;
        private Set<Checkpoint> checkpoints = EnumSet.allOf(Checkpoint.class);
        private final Map<String, Set<String>> allow = new HashMap<>();
        private final Map<String, Set<String>> deny = new HashMap<>();
        private final List<Budget> budgets = new ArrayList<>();
        private BudgetStore store;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The engine whose {@code plane: action-boundary} rules are evaluated; optional. */
        public Builder engine(PolicyEngine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** Checkpoints the plane subscribes to; all by default (budgets need TOOL_CALL and MODEL_*). */
        public Builder checkpoints(Set<Checkpoint> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the action-boundary plane needs at least one checkpoint");
            }
            this.checkpoints = EnumSet.copyOf(value);
            return this;
        }

        /** Tools (exact or {@code prefix*}) agent {@code agentId} may call; {@code "*"} as agent: every agent. */
        public Builder allowTools(String agentId, String... patterns) {
            allow.computeIfAbsent(agentId, k -> new HashSet<>()).addAll(List.of(patterns));
            return this;
        }

        /** Tools agent {@code agentId} may never call; a deny match wins over an allow match. */
        public Builder denyTools(String agentId, String... patterns) {
            deny.computeIfAbsent(agentId, k -> new HashSet<>()).addAll(List.of(patterns));
            return this;
        }

        /** Adds a budget; names must be unique. */
        public Builder budget(Budget value) {
            if (budgets.stream().anyMatch(b -> b.name().equals(value.name()))) {
                throw new IllegalArgumentException("duplicate budget name '" + value.name() + "'");
            }
            budgets.add(value);
            return this;
        }

        /** Where counters live; an {@link InMemoryBudgetStore} on the plane's clock by default. */
        public Builder budgetStore(BudgetStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /** Clock of the budget windows; inject a test clock in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public ActionBoundaryPlane build() {
            return new ActionBoundaryPlane(this);
        }
    }
}

/**
 * The action-boundary plane: tool allow/deny lists, argument constraints, effects, SQL statement classes, approval
 * gates, argument transforms ({@link dev.warden.action.ActionBoundaryPlane}), and budgets and rate limits per run,
 * user and agent ({@link dev.warden.action.Budget}) kept in a {@link dev.warden.action.BudgetStore}.
 *
 * <pre>{@code
 * Governor governor = Governor.builder()
 *         .plane(ActionBoundaryPlane.builder().engine(engine).budget(perRunCalls).build())
 *         .build();
 * }</pre>
 *
 * Stable codes are listed in {@link dev.warden.action.ActionCodes}.
 */
package dev.warden.action;

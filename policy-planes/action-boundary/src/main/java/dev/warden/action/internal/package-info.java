/**
 * Internals of the action-boundary plane. No compatibility is promised: these classes may change or disappear in
 * any release. Use {@link dev.warden.action.ActionBoundaryPlane}, {@link dev.warden.action.Budget} and
 * {@link dev.warden.action.BudgetStore}.
 */
package dev.warden.action.internal;

/**
 * The rate plane, a plugin shipped with Warden: sliding-window limits per user × agent × tool declared by
 * {@code plane: rate} rules ({@link dev.warden.plane.rate.RatePlane}, {@link dev.warden.plane.rate.RateLimit}),
 * counted in the action-boundary plane's {@link dev.warden.action.BudgetStore}. Stable codes are in
 * {@link dev.warden.plane.rate.RateCodes}.
 */
package dev.warden.plane.rate;

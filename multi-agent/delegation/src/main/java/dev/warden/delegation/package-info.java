/**
 * Public API: agent inventory ({@link dev.warden.delegation.AgentDirectory}), governed delegation
 * ({@link dev.warden.delegation.Delegator}, {@link dev.warden.delegation.DelegateTool}) and orchestration patterns
 * ({@link dev.warden.delegation.Orchestrations}). Stable codes: {@link dev.warden.delegation.DelegationCodes}.
 */
package dev.warden.delegation;

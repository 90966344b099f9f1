/**
 * Implementation of the policy language: YAML parsing, CEL environment, activation mapping, rule evaluation.
 *
 * <p><strong>Internal:</strong> no compatibility is promised for anything in this package; use
 * {@link dev.warden.policy} instead.
 */
package dev.warden.policy.internal;

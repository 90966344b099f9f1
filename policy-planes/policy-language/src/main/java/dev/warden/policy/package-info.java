/**
 * The Warden policy language: YAML {@code PolicySet} documents whose rule conditions are CEL expressions,
 * type-checked and compiled once at load, evaluated by a {@link dev.warden.policy.PolicyEngine} on behalf of a
 * policy plane.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
 * engine.load(PolicySource.classpath("policies/crm-analyst.yaml"));
 * Decision d = engine.evaluate("action-boundary", request, context);
 * }</pre>
 *
 * See {@code docs/policy-guide.md} for every variable and function a condition may use.
 */
package dev.warden.policy;

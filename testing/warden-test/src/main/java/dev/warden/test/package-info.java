/**
 * Warden's test kit, for applications built on Warden (add {@code dev.warden:warden-test} at test scope).
 *
 * <ul>
 *   <li>{@link dev.warden.model.scripted.ScriptedChatModel} (re-exported): a deterministic offline model;</li>
 *   <li>{@link dev.warden.test.WardenTokens}: signed bearer tokens for a test principal;</li>
 *   <li>{@link dev.warden.test.WardenAssertions}: {@code assertThat(run).deniedBy("rule-id")}, {@code .completed()},
 *       {@code .awaitingApproval()}, {@code .labelled(...)} on an in-process {@code RunResult} or the REST run JSON;</li>
 *   <li>{@link dev.warden.test.stub}: local OpenAI- and Anthropic-compatible servers whose replies come from a
 *       scripted model, for testing the provider seam over real HTTP;</li>
 *   <li>in-memory audit: {@link dev.warden.core.audit.InMemoryAuditSink} in plain Java, or
 *       {@code %test.warden.audit.store=memory} in a Quarkus application.</li>
 * </ul>
 */
package dev.warden.test;

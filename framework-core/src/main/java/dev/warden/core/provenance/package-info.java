/**
 * Where a tool argument's value came from: the user's request, trusted data, a source the user named (endorsed),
 * untrusted content, or nowhere. Values are compared whole and in normal form (canonical IBAN, numbers as numbers,
 * dates as dates, text case- and space-folded at word boundaries); a value with too little information never counts
 * as traced. Amounts may also be derived by simple arithmetic from traced numbers.
 *
 * <p>The {@link dev.warden.core.tools.GovernedToolExecutor} records every tool result in a
 * {@link dev.warden.core.provenance.ProvenanceTracker} and attaches the provenance of each argument to the
 * {@code TOOL_CALL} request as the attribute {@link dev.warden.core.CheckpointAttributes#PROVENANCE}, so policies
 * ({@code attributes.provenance.recipient.kind}) and planes read one definition.
 */
package dev.warden.core.provenance;

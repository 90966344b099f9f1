/**
 * The data-flow policy plane: {@link dev.warden.dataflow.DataFlowPlane} (labels that follow content, egress rules
 * with redaction, untrusted-content containment, argument provenance), its configuration
 * {@link dev.warden.dataflow.DataFlowConfig} and its stable codes {@link dev.warden.dataflow.DataFlowCodes}.
 * Public API.
 */
package dev.warden.dataflow;

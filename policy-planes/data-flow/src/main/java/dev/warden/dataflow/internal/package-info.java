/**
 * Implementation of the data-flow plane: content labelling, redaction, the per-run ledger and argument provenance.
 * Internal: no compatibility is promised for anything in this package.
 */
package dev.warden.dataflow.internal;

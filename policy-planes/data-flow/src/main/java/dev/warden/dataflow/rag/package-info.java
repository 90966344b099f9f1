/**
 * Retrieval-augmented generation under governance: {@link dev.warden.dataflow.rag.GovernedContentRetriever} runs
 * every retrieved segment through the {@code RETRIEVAL} checkpoint and drops segments above the user's clearance.
 * Public API.
 */
package dev.warden.dataflow.rag;

package dev.warden.dataflow.rag;

import dev.warden.core.Labels;

/**
 * What happened to one retrieved segment, reported to {@link GovernedContentRetriever.Builder#onSegment}.
 *
 * @param index position of the segment in the delegate's result
 * @param labels the segment's effective labels (metadata joined with what the planes found)
 * @param kept whether the model will see it
 * @param code stable code when dropped or when its metadata was malformed, else {@code null}
 * @param reason why, without the segment's text
 */
public record RetrievalReport(int index, Labels labels, boolean kept, String code, String reason) {}

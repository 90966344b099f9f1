package dev.warden.dataflow.corpus;

import java.util.List;

/**
 * One labelled text of the detector corpus.
 *
 * @param id stable id
 * @param text the text
 * @param expected the sensitive values it contains (empty for a negative sample)
 * @param note what the sample exercises, e.g. {@code near-miss: iban bad checksum}
 */
record Sample(String id, String text, List<Expected> expected, String note) {
    record Expected(String kind, String value) {}

    boolean positive() {
        return !expected.isEmpty();
    }
}

package dev.warden.bench.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * One text of the independent detector corpus with the exact spans a detector must report.
 *
 * @param id stable id, {@code group-n}
 * @param group what the text exercises, e.g. {@code iban/RU/nbsp} or {@code neg/ean13}
 * @param text the text
 * @param labels the sensitive spans (empty for a negative)
 */
public record LabelledText(String id, String group, String text, List<Label> labels) {

    /** A sensitive span: kind and offsets in {@link LabelledText#text()}. */
    public record Label(String kind, int start, int end) {}

    /** Builds a text piece by piece so that every label's offsets are exact. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Label> labels = new ArrayList<>();

        Builder text(String s) {
            text.append(s);
            return this;
        }

        Builder value(String kind, String value) {
            labels.add(new Label(kind, text.length(), text.length() + value.length()));
            text.append(value);
            return this;
        }

        LabelledText build(String id, String group) {
            return new LabelledText(id, group, text.toString(), List.copyOf(labels));
        }
    }
}

package dev.warden.dataflow.internal;

import dev.warden.core.LabelPlacement;
import dev.warden.core.Labels;
import dev.warden.core.tools.FieldRedaction;
import dev.warden.core.tools.TextReadings;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says where in a JSON result this plane found the labels it raises at {@code TOOL_RESULT} (decision 0069): in the
 * values of the labelled fields (the tool's declared fields and {@code warden.data-flow.field-labels}), or outside
 * them. The fields are taken out exactly as the loop later withholds them ({@link FieldRedaction}), and the detectors
 * run again over each field's values and over what is left — the text a model would be sent with every labelled
 * field withheld. A finding outside the fields therefore lands in {@link LabelPlacement#outside()}, wherever it sits
 * (another field, a key, an escaped or nested form the re-serialised JSON spells out). No placement (the labels then
 * count for the whole result) when the content is not one JSON object or array, was not scanned whole, or has no
 * labelled field, or when the placement does not hold every label the detectors and the field configuration give the
 * whole text. Every text is scanned as {@link ContentLabeler} reads it: raw, and decoded when it has escapes. Each
 * finding of the whole text is then placed by where its value is (decision 0076): in every field whose values hold
 * it, and outside when the rest holds it or no field does — so a finding only the whole text makes (a keyword in one
 * piece, the number in another) is never excused by a field that happens to carry the same labels.
 */
public final class FieldPlacements {
    private static final String MARK = "[withheld]";

    private FieldPlacements() {}

    /**
     * @param content the result's text
     * @param whole the plane's labelling of the whole text
     * @param toolFields the tool's declared field labels (lower-case names)
     * @return where the findings lie, or {@code null} when that cannot be said
     */
    public static LabelPlacement of(String content, ContentLabeler.Labelled whole, Map<String, Labels> toolFields,
            DataFlowConfig config, ContentLabeler labeler) {
        if (content == null || whole.scan().binary() || whole.scan().incomplete() || !JsonText.looksLikeJson(content)) {
            return null;
        }
        Set<String> names = new TreeSet<>(toolFields.keySet());
        names.addAll(config.fieldLabels().keySet());
        if (names.isEmpty()) {
            return null;
        }
        Map<String, String> markers = new HashMap<>();
        names.forEach(n -> markers.put(n, MARK));
        FieldRedaction.Split split = FieldRedaction.split(content, markers);
        if (split == null) {
            return null;
        }
        Map<String, Labels> fields = new HashMap<>();
        Map<String, String> fieldText = new HashMap<>();
        for (Map.Entry<String, List<String>> e : split.removed().entrySet()) {
            Labels l = config.fieldLabels().getOrDefault(e.getKey(), Labels.PUBLIC);
            for (String leaf : e.getValue()) { // a configured field nested inside this one's value labels it too
                Labels nested = config.fieldLabels().get(leaf.toLowerCase(Locale.ROOT));
                l = nested == null ? l : l.join(nested);
            }
            Piece piece = Piece.of(String.join("\n", e.getValue()), config, labeler);
            fields.put(e.getKey(), l.join(piece.labels()));
            fieldText.put(e.getKey(), piece.compact());
        }
        Piece rest = Piece.of(split.text(), config, labeler);
        Labels outside = rest.labels();
        // every finding of the whole text gets a place by where its value is (review13 L2): the fields whose values
        // hold it, and the rest when the rest holds it or no field does — a finding that only the whole text makes (a
        // keyword in a withheld field, the number beside it; a value split over two fields) lands outside, whatever
        // labels the fields already have
        for (Placed f : findings(content, whole, labeler)) {
            boolean inField = false;
            for (Map.Entry<String, String> e : fieldText.entrySet()) {
                if (e.getValue().contains(f.value())) {
                    fields.merge(e.getKey(), f.labels(), Labels::join);
                    inField = true;
                }
            }
            if (!inField || rest.compact().contains(f.value())) {
                outside = outside.join(f.labels());
            }
        }
        LabelPlacement placement = new LabelPlacement(fields, outside);
        // the plane vouches only for a placement that holds everything its detectors and field configuration found in
        // the whole text (review13 H1/L2): the labels a tool declared must not excuse a configured field's labels
        return placement.all().dominates(found(whole, config, labeler)) ? placement : null;
    }

    /** A finding of the whole text: its value as {@link TextReadings#compact} spells it, and its labels. */
    private record Placed(String value, Labels labels) {}

    /** The whole text's findings, raw and decoded (the labeler's scans, not repeated). */
    private static List<Placed> findings(String content, ContentLabeler.Labelled whole, ContentLabeler labeler) {
        List<Placed> out = new ArrayList<>();
        add(content, whole.scan(), labeler, out);
        if (whole.decodedScan() != null) {
            add(whole.decoded(), whole.decodedScan(), labeler, out);
        }
        return out;
    }

    private static void add(String text, ScanResult scan, ContentLabeler labeler, List<Placed> out) {
        for (Finding f : scan.findings()) {
            out.add(new Placed(TextReadings.compact(f.valueIn(text)), labeler.labelsOf(f)));
        }
    }

    /**
     * A piece of the result (one field's values, or the rest): what the detectors find in it, as
     * {@link ContentLabeler#label} reads it (raw, and decoded when it has escapes), and its letters and digits in
     * both readings.
     */
    private record Piece(Labels labels, String compact) {
        static Piece of(String text, DataFlowConfig config, ContentLabeler labeler) {
            ScanResult raw = config.detectors().scan(text);
            Labels labels = labeler.labelsOf(raw);
            String compact = TextReadings.compact(text);
            if (!raw.binary() && EscapedText.hasEscape(text, raw.scannedChars())) {
                String decoded = EscapedText.decodeNested(text, raw.scannedChars());
                labels = labels.join(labeler.labelsOf(config.detectors().scan(decoded)));
                compact = compact + "\n" + TextReadings.compact(decoded);
            }
            return new Piece(labels, compact);
        }
    }

    /** The detector and field-configuration labels of the whole text (not what the tool declared). */
    private static Labels found(ContentLabeler.Labelled whole, DataFlowConfig config, ContentLabeler labeler) {
        Labels labels = labeler.labelsOf(whole.scan());
        labels = whole.decodedScan() == null ? labels : labels.join(labeler.labelsOf(whole.decodedScan()));
        for (String field : whole.fields()) {
            labels = labels.join(config.fieldLabels().getOrDefault(field, Labels.PUBLIC));
        }
        return labels;
    }
}

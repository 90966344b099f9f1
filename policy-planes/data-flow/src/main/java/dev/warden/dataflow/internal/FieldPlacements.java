package dev.warden.dataflow.internal;

import dev.warden.core.LabelPlacement;
import dev.warden.core.Labels;
import dev.warden.core.tools.FieldRedaction;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.ScanResult;
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
 * whole text. Every text is scanned as {@link ContentLabeler} reads it: raw, and decoded when it has escapes.
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
        for (Map.Entry<String, List<String>> e : split.removed().entrySet()) {
            Labels l = config.fieldLabels().getOrDefault(e.getKey(), Labels.PUBLIC);
            for (String leaf : e.getValue()) { // a configured field nested inside this one's value labels it too
                Labels nested = config.fieldLabels().get(leaf.toLowerCase(Locale.ROOT));
                l = nested == null ? l : l.join(nested);
            }
            fields.put(e.getKey(), l.join(detected(String.join("\n", e.getValue()), config, labeler)));
        }
        Labels outside = detected(split.text(), config, labeler);
        LabelPlacement placement = new LabelPlacement(fields, outside);
        // the plane vouches only for a placement that holds everything its detectors and field configuration found in
        // the whole text (review13 H1/L2): a finding only the whole-text scan makes has no place, and the labels a tool
        // declared must not excuse it
        return placement.all().dominates(found(content, whole, config, labeler)) ? placement : null;
    }

    /** What the detectors find in {@code text}, as {@link ContentLabeler#label} reads it: raw and decoded. */
    private static Labels detected(String text, DataFlowConfig config, ContentLabeler labeler) {
        ScanResult raw = config.detectors().scan(text);
        Labels labels = labeler.labelsOf(raw);
        ScanResult decoded = labeler.decodedScan(text, raw);
        return decoded == null ? labels : labels.join(labeler.labelsOf(decoded));
    }

    /** The detector and field-configuration labels of the whole text (not what the tool declared). */
    private static Labels found(String content, ContentLabeler.Labelled whole, DataFlowConfig config,
            ContentLabeler labeler) {
        Labels labels = labeler.labelsOf(whole.scan());
        ScanResult decoded = whole.decoded() == null ? null : labeler.decodedScan(content, whole.scan());
        labels = decoded == null ? labels : labels.join(labeler.labelsOf(decoded));
        for (String field : whole.fields()) {
            labels = labels.join(config.fieldLabels().getOrDefault(field, Labels.PUBLIC));
        }
        return labels;
    }
}

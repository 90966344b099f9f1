package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model request carries, part by part, with each part's labels — the contract between a seam that sends
 * conversations to a model (the governed agent loop, the AI-service model) and the planes that treat the model as a
 * sink.
 *
 * <p>At {@code MODEL_REQUEST} the seam sets {@link CheckpointAttributes#MODEL_INPUTS} to a list of {@link Part#toMap()
 * part descriptors}, one per message it is about to send (the system message excluded: it is the agent's own
 * configuration). A descriptor holds the part's id, role ({@code user}, {@code ai}, {@code tool}), source (the tool
 * that produced a tool result) and labels; {@code known = false} marks a part whose labels the runtime does not know
 * (a message loaded from memory stored without labels) — planes must treat it as above every clearance short of the
 * top of the lattice. A plane that must keep a part from the model answers with a {@link Decision.Transform} whose
 * {@code arguments} map that part's id to the marker text that replaces it ({@link #marker(Labels)}); the seam sends
 * the marker instead of the part. The rest of the request is sent unchanged. The request's own arguments are empty, so
 * audit records of model requests hold only what was withheld (as captured arguments) — never the content.
 *
 * <pre>{@code
 * List<ModelInputs.Part> parts = List.of(new ModelInputs.Part("m3", "tool", "hr.read_note", restricted, true));
 * attributes.put(CheckpointAttributes.MODEL_INPUTS, ModelInputs.describe(parts));
 * // a plane answers Transform(arguments = {"m3": "[withheld: RESTRICTED]"}, …)
 * Map<String, String> withheld = ModelInputs.withheld(verdict.effectiveRequest());
 * }</pre>
 */
public final class ModelInputs {
    private ModelInputs() {}

    /**
     * One part of a model request.
     *
     * @param id stable within the request, e.g. {@code m3} for the fourth message
     * @param role {@code user}, {@code ai} or {@code tool}
     * @param source the tool (or delegate) that produced a tool result, else {@code null}
     * @param labels the part's labels; meaningful only when {@code known}
     * @param known whether the labels are known
     * @param fields labels of the part's JSON fields by lower-case name (empty when the part has no field split)
     * @param residual labels of the part without those fields, or {@code null} when unknown (decision 0069)
     */
    public record Part(String id, String role, String source, Labels labels, boolean known,
            Map<String, Labels> fields, Labels residual) {
        public Part {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        /** A part without a field split. */
        public Part(String id, String role, String source, Labels labels, boolean known) {
            this(id, role, source, labels, known, Map.of(), null);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("role", role);
            if (source != null) {
                m.put("source", source);
            }
            Labels l = labels == null ? Labels.PUBLIC : labels;
            m.put("level", l.level().name());
            m.put("categories", List.copyOf(l.categories()));
            m.put("integrity", l.integrity().name());
            m.put("known", known && labels != null);
            if (residual != null && !fields.isEmpty()) {
                m.put("residual", labelsMap(residual));
                Map<String, Object> f = new LinkedHashMap<>();
                fields.forEach((k, v) -> f.put(k, labelsMap(v)));
                m.put("fields", f);
            }
            return m;
        }

        /** Reads a descriptor written by {@link #toMap()}; anything malformed comes back with unknown labels. */
        public static Part fromMap(Object value) {
            if (!(value instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)) {
                return new Part(null, null, null, null, false);
            }
            String role = m.get("role") instanceof String r ? r : null;
            String source = m.get("source") instanceof String s ? s : null;
            Labels labels;
            try {
                labels = labelsOf(m);
            } catch (RuntimeException e) {
                return new Part(id, role, source, null, false);
            }
            boolean known = Boolean.TRUE.equals(m.get("known"));
            // a split that does not read back whole is no split: the part is judged by its labels alone
            try {
                if (m.get("residual") instanceof Map<?, ?> r && m.get("fields") instanceof Map<?, ?> f && !f.isEmpty()) {
                    Map<String, Labels> fields = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : f.entrySet()) {
                        fields.put(String.valueOf(e.getKey()), labelsOf((Map<?, ?>) e.getValue()));
                    }
                    return new Part(id, role, source, labels, known, fields, labelsOf(r));
                }
            } catch (RuntimeException e) {
                // fall through
            }
            return new Part(id, role, source, labels, known);
        }

        private static Map<String, Object> labelsMap(Labels l) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", l.level().name());
            m.put("categories", List.copyOf(l.categories()));
            m.put("integrity", l.integrity().name());
            return m;
        }

        private static Labels labelsOf(Map<?, ?> m) {
            Confidentiality level = Confidentiality.valueOf(String.valueOf(m.get("level")));
            Integrity integrity = Integrity.valueOf(String.valueOf(m.get("integrity")));
            List<String> cats = new ArrayList<>();
            if (m.get("categories") instanceof List<?> l) {
                l.forEach(c -> cats.add(String.valueOf(c)));
            }
            return new Labels(level, new java.util.TreeSet<>(cats), integrity);
        }
    }

    /** The descriptors to put under {@link CheckpointAttributes#MODEL_INPUTS}. */
    public static List<Map<String, Object>> describe(List<Part> parts) {
        List<Map<String, Object>> out = new ArrayList<>(parts.size());
        parts.forEach(p -> out.add(p.toMap()));
        return out;
    }

    /**
     * The parts of {@code request} described under {@link CheckpointAttributes#MODEL_INPUTS}, or {@code null} when the
     * seam described none (a plane must then judge the request by the run's context labels).
     */
    public static List<Part> of(CheckpointRequest request) {
        Object v = request.attributes().get(CheckpointAttributes.MODEL_INPUTS);
        if (!(v instanceof List<?> list)) {
            return null;
        }
        List<Part> out = new ArrayList<>(list.size());
        list.forEach(x -> out.add(Part.fromMap(x)));
        return out;
    }

    /** The marker that replaces a withheld part: names the label, never the value. */
    public static String marker(Labels labels) {
        return labels == null ? "[withheld: UNKNOWN LABELS]" : "[withheld: " + labels.level().name()
                + (labels.categories().isEmpty() ? "" : "/" + String.join(",", labels.categories())) + "]";
    }

    /**
     * Part id → replacement text of the whole part, as the planes decided ({@code effective} is the verdict's
     * effective request). A part the planes withheld only field by field ({@link #fieldsWithheld}) is here too, with
     * its whole-part marker: a seam that does not withhold fields withholds the whole part.
     */
    public static Map<String, String> withheld(CheckpointRequest effective) {
        if (effective == null || effective.arguments().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        effective.arguments().forEach((k, v) -> out.put(k, v instanceof String s ? s
                : v instanceof Map<?, ?> m && m.get(MARKER) instanceof String s ? s : marker(null)));
        return out;
    }

    /** Key of a field-level withholding's whole-part marker ({@link #fieldsWithheld(String, Map)}). */
    private static final String MARKER = "marker";
    /** Key of a field-level withholding's field → marker map. */
    private static final String FIELDS = "fields";

    /**
     * What a plane answers for a part it withholds field by field (decision 0069): the whole-part marker, sent when
     * the seam cannot withhold the fields alone, and each over-clearance field's marker.
     */
    public static Map<String, Object> fieldsWithheld(String wholeMarker, Map<String, String> fieldMarkers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MARKER, wholeMarker);
        m.put(FIELDS, Map.copyOf(fieldMarkers));
        return m;
    }

    /** Part id → (field name → marker) for the parts the planes withheld field by field; the rest absent. */
    public static Map<String, Map<String, String>> fieldsWithheld(CheckpointRequest effective) {
        if (effective == null || effective.arguments().isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        effective.arguments().forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && m.get(FIELDS) instanceof Map<?, ?> f && !f.isEmpty()) {
                Map<String, String> fields = new LinkedHashMap<>();
                f.forEach((name, marker) -> fields.put(String.valueOf(name), marker instanceof String s ? s
                        : marker(null)));
                out.put(k, fields);
            }
        });
        return out;
    }
}

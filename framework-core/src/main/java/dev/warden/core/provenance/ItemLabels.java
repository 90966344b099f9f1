package dev.warden.core.provenance;

import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Labels per item and field of a structured (JSON) tool result, refining the tool's whole-result source labels. An
 * item is any JSON object in the result.
 *
 * <ul>
 *   <li><b>Integrity.</b> A whole item is trusted when its field {@code originField} equals {@code trustedOrigin} (the
 *       user's own transfer, a file the user wrote); in any other item the {@code trustedFields} are trusted
 *       (bank-attested sender, amount, date), a field whose {@code fieldLabels} entry is UNTRUSTED is untrusted (a
 *       customer's free-text {@code company} or {@code notes} in a trusted CRM record: instructions stored in data
 *       count like instructions in mail), and the rest keeps the tool's integrity. A field label never raises trust:
 *       only {@code trustedFields} and {@code trustedOrigin} do.</li>
 *   <li><b>Confidentiality per field.</b> {@code fieldLabels} gives each field its level and categories (a phone
 *       CONFIDENTIAL/PII, a tax id RESTRICTED/PII): the result carries the join of the fields it holds, and a data-flow
 *       plane may bind a field's label to its values rather than to everything the run does next.</li>
 * </ul>
 *
 * A result that is not JSON keeps the tool's labels as a whole — except for a tool that declares untrusted fields:
 * its result is untrusted when it cannot be split (fail closed).
 *
 * <pre>{@code
 * new ItemLabels("origin", "user", Set.of("id", "sender", "recipient", "amount", "date"))
 * ItemLabels.ofFields(Map.of("company", Labels.untrusted(), "ssn", Labels.of(RESTRICTED, "PII")))
 * }</pre>
 *
 * @param originField name of the field that says who wrote an item, or {@code null}
 * @param trustedOrigin the value of {@code originField} that makes an item trusted
 * @param trustedFields fields trusted in every item (lower case)
 * @param fieldLabels labels of fields (lower case) in every item: confidentiality, categories and, when UNTRUSTED,
 *     integrity
 * @param authorFields fields (lower case, trusted ones: the system records them) naming who wrote an item, e.g. a
 *     message's {@code sender}: an item whose author the user's request names ("the article that Bob posted") is
 *     <em>endorsed</em> content, not untrusted, and a result fetched through a value in it is endorsed too (one step).
 *     Items by anyone the request does not name keep the tool's integrity, also in a channel the user named.
 */
public record ItemLabels(String originField, String trustedOrigin, Set<String> trustedFields,
        Map<String, Labels> fieldLabels, Set<String> authorFields) {
    /** Without author fields. */
    public ItemLabels(String originField, String trustedOrigin, Set<String> trustedFields,
            Map<String, Labels> fieldLabels) {
        this(originField, trustedOrigin, trustedFields, fieldLabels, Set.of());
    }

    public ItemLabels {
        if ((originField == null) != (trustedOrigin == null)) {
            throw new IllegalArgumentException("originField and trustedOrigin are set together");
        }
        trustedFields = trustedFields == null ? Set.of()
                : Set.copyOf(trustedFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
        Map<String, Labels> lower = new LinkedHashMap<>();
        if (fieldLabels != null) {
            fieldLabels.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k),
                    Labels::join));
        }
        fieldLabels = Map.copyOf(lower);
        authorFields = authorFields == null ? Set.of()
                : Set.copyOf(authorFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
        if (!trustedFields.containsAll(authorFields)) {
            throw new IllegalArgumentException("authorFields must be trusted fields (the system records who wrote an"
                    + " item; a field the author writes could name anyone): " + authorFields);
        }
    }

    /** Integrity refinements only, no field labels. */
    public ItemLabels(String originField, String trustedOrigin, Set<String> trustedFields) {
        this(originField, trustedOrigin, trustedFields, Map.of());
    }

    /** Field labels only: every item keeps the tool's integrity except in fields labelled UNTRUSTED. */
    public static ItemLabels ofFields(Map<String, Labels> fieldLabels) {
        return new ItemLabels(null, null, Set.of(), fieldLabels);
    }

    /**
     * Parses the annotation form: {@code "origin=user"} (may be empty) and the trusted field names; {@code null} when
     * both are empty (whole-result labels).
     */
    public static ItemLabels parse(String trustedWhen, String[] trustedFields) {
        return parse(trustedWhen, trustedFields, new String[0]);
    }

    /** As {@link #parse(String, String[])}, with fields written by outside parties, labelled UNTRUSTED. */
    public static ItemLabels parse(String trustedWhen, String[] trustedFields, String[] untrustedFields) {
        boolean noWhen = trustedWhen == null || trustedWhen.isBlank();
        boolean noUntrusted = untrustedFields == null || untrustedFields.length == 0;
        if (noWhen && (trustedFields == null || trustedFields.length == 0) && noUntrusted) {
            return null;
        }
        Map<String, Labels> fields = new LinkedHashMap<>();
        for (String f : noUntrusted ? new String[0] : untrustedFields) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("untrustedFields must not contain a blank name");
            }
            fields.put(f.trim(), Labels.untrusted());
        }
        Set<String> trusted = Set.of(trustedFields == null ? new String[0] : trustedFields);
        for (String f : trusted) {
            if (fields.containsKey(f.trim())) {
                throw new IllegalArgumentException("field '" + f + "' is declared both trusted and untrusted");
            }
        }
        if (noWhen) {
            return new ItemLabels(null, null, trusted, fields);
        }
        int eq = trustedWhen.indexOf('=');
        if (eq <= 0 || eq == trustedWhen.length() - 1) {
            throw new IllegalArgumentException("trustedItemWhen must read field=value, got '" + trustedWhen + "'");
        }
        return new ItemLabels(trustedWhen.substring(0, eq).trim(), trustedWhen.substring(eq + 1).trim(), trusted,
                fields);
    }

    /**
     * These labels with {@code declared} field labels joined in (a tool's per-call declaration, see
     * {@link dev.warden.core.tools.ResultLabels#declareFields}); {@code base} may be {@code null}.
     */
    public static ItemLabels withFields(ItemLabels base, Map<String, Labels> declared) {
        if (declared == null || declared.isEmpty()) {
            return base;
        }
        if (base == null) {
            return ofFields(declared);
        }
        Map<String, Labels> merged = new LinkedHashMap<>(base.fieldLabels);
        declared.forEach((k, v) -> merged.merge(k.toLowerCase(Locale.ROOT), v, Labels::join));
        return new ItemLabels(base.originField, base.trustedOrigin, base.trustedFields, merged, base.authorFields);
    }

    /** These labels with {@code fields} naming each item's author (see {@link #authorFields}). */
    public ItemLabels withAuthors(String... fields) {
        return new ItemLabels(originField, trustedOrigin, trustedFields, fieldLabels,
                fields == null ? Set.of() : Set.of(fields));
    }

    /** Whether some field is declared UNTRUSTED (such a result is untrusted when it cannot be split). */
    public boolean declaresUntrustedFields() {
        return fieldLabels.values().stream().anyMatch(Labels::isUntrusted);
    }

    /** Whether these labels can make pieces of an untrusted tool's result trusted (trusted items or fields). */
    public boolean raisesTrust() {
        return originField != null || !trustedFields.isEmpty();
    }

    boolean trustedItem(Object originValue) {
        return originField != null && originValue != null && Objects.equals(trustedOrigin, String.valueOf(originValue));
    }

    /** Whether a leaf in {@code field} is untrusted by declaration (and not trusted by {@code trustedFields}). */
    boolean untrustedField(String field) {
        Labels l = field == null ? null : fieldLabels.get(field.toLowerCase(Locale.ROOT));
        return l != null && l.integrity() == Integrity.UNTRUSTED;
    }
}

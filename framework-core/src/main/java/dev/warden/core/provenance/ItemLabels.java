package dev.warden.core.provenance;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Integrity per item and field of a structured (JSON) tool result, refining the tool's whole-result source labels. An
 * item is any JSON object in the result. A whole item is trusted when its field {@code originField} equals
 * {@code trustedOrigin} (the user's own transfer, a file the user wrote); in any other item only the
 * {@code trustedFields} are trusted (bank-attested sender, amount, date), the rest keeps the tool's integrity (a
 * third party's transfer subject). A result that is not JSON keeps the tool's labels as a whole.
 *
 * <pre>{@code
 * new ItemLabels("origin", "user", Set.of("id", "sender", "recipient", "amount", "date"))
 * }</pre>
 *
 * @param originField name of the field that says who wrote an item, or {@code null}
 * @param trustedOrigin the value of {@code originField} that makes an item trusted
 * @param trustedFields fields trusted in every item (lower case)
 */
public record ItemLabels(String originField, String trustedOrigin, Set<String> trustedFields) {
    public ItemLabels {
        if ((originField == null) != (trustedOrigin == null)) {
            throw new IllegalArgumentException("originField and trustedOrigin are set together");
        }
        trustedFields = trustedFields == null ? Set.of()
                : Set.copyOf(trustedFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Parses the annotation form: {@code "origin=user"} (may be empty) and the trusted field names; {@code null} when
     * both are empty (whole-result labels).
     */
    public static ItemLabels parse(String trustedWhen, String[] trustedFields) {
        boolean noWhen = trustedWhen == null || trustedWhen.isBlank();
        if (noWhen && (trustedFields == null || trustedFields.length == 0)) {
            return null;
        }
        if (noWhen) {
            return new ItemLabels(null, null, Set.of(trustedFields));
        }
        int eq = trustedWhen.indexOf('=');
        if (eq <= 0 || eq == trustedWhen.length() - 1) {
            throw new IllegalArgumentException("trustedItemWhen must read field=value, got '" + trustedWhen + "'");
        }
        return new ItemLabels(trustedWhen.substring(0, eq).trim(), trustedWhen.substring(eq + 1).trim(),
                Set.of(trustedFields == null ? new String[0] : trustedFields));
    }

    boolean trustedItem(Object originValue) {
        return originField != null && originValue != null && Objects.equals(trustedOrigin, String.valueOf(originValue));
    }
}

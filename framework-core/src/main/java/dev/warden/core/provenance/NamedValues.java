package dev.warden.core.provenance;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user's request names and what the sources it names offer: the web addresses and file names it points at,
 * whether an address-shaped value is the only one of its shape in content from others, and the addresses a longer
 * text quotes.
 */
final class NamedValues {
    /**
     * A web address or file name as a person writes it in a request: the last label in lower case, so
     * "websites.Note that…" (a missing space) is not taken for an address.
     */
    private static final Pattern SOURCE = Pattern.compile("(?<![\\p{L}\\p{N}@._%+/-])(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?"
            + "[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)*\\.[a-z]{2,}(?![\\p{L}\\p{N}_-])(?:/[^\\s\"'<>()\\[\\]{}]*)?");
    /** Most addresses a text's {@code embedded} provenance lists. */
    static final int MAX_EMBEDDED = 16;
    /** Most addresses of one shape listed (the text itself is bounded by the run's input and result limits). */
    static final int MAX_LISTED = 4096;

    private NamedValues() {}

    /** The web addresses and file names the request names, canonical ({@link ValueForms#address}). */
    static Set<String> sourcesNamedIn(String request) {
        Set<String> out = new LinkedHashSet<>();
        if (request == null) {
            return out;
        }
        Matcher m = SOURCE.matcher(Normalizer.normalize(request, Normalizer.Form.NFKC));
        while (m.find() && out.size() < ValueForms.MAX_ADDRESSES) {
            String a = ValueForms.address(m.group(), ValueForms.Shape.ADDRESS);
            if (!a.isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether content from others (endorsed or untrusted) holds no value of {@code shape} other than {@code value}. */
    static boolean onlyOne(List<Evidence> seen, String value, ValueForms.Shape shape) {
        String self = ValueForms.address(value, shape);
        for (Evidence e : seen) {
            if (e.kind() != Provenance.Kind.ENDORSED && e.kind() != Provenance.Kind.UNTRUSTED) {
                continue;
            }
            Set<String> found = shape == ValueForms.Shape.IBAN ? e.ibans() : ValueForms.addressesIn(e.text(), shape);
            for (String f : found) {
                if (!f.equals(self)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The provenance of each address written inside {@code text}, by canonical form. Past {@link #MAX_EMBEDDED}
     * addresses no more are looked up: each further one is listed with no provenance ({@code none}), so padding a
     * text with addresses cannot hide a link from rules that read {@code embedded}.
     */
    static Map<String, Provenance> embedded(String text, Function<String, Provenance> find) {
        Map<String, Provenance> out = new LinkedHashMap<>();
        for (ValueForms.Shape shape : ValueForms.Shape.values()) {
            for (String a : ValueForms.addressesIn(text, shape, MAX_LISTED)) {
                out.putIfAbsent(a, out.size() >= MAX_EMBEDDED ? Provenance.NONE : find.apply(a));
            }
        }
        return out;
    }
}

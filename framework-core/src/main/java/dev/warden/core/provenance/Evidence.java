package dev.warden.core.provenance;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One piece of content a run has seen (the user's request, or one field or item of a tool result), kept in the
 * normal forms of {@link ValueForms} only.
 *
 * @param source where it came from, e.g. {@code get_most_recent_transactions[4].subject}
 * @param kind its origin ({@link Provenance.Kind#USER}, {@code TRUSTED}, {@code ENDORSED} or {@code UNTRUSTED})
 * @param text canonical text
 * @param numbers stand-alone numbers in it
 * @param ibans IBAN-shaped tokens in it, compact
 * @param relays whether a result fetched through a value of this piece is endorsed in turn: only content of an item
 *     whose author the user named ("the article Bob posted" — what Bob points at is what the user asked for), and
 *     only one step: what is fetched that way does not relay again
 */
record Evidence(String source, Provenance.Kind kind, String text, Set<BigDecimal> numbers, Set<String> ibans,
        boolean relays) {

    /**
     * A single digit in content (an item id, a count) says too little to vouch for an amount; one the user typed as a
     * whole number still counts.
     */
    boolean informative(BigDecimal n) {
        return kind == Provenance.Kind.USER || n.abs().compareTo(BigDecimal.TEN) >= 0 || n.scale() > 0;
    }

    static Evidence of(String source, Provenance.Kind kind, Object value) {
        return of(source, kind, value, false);
    }

    static Evidence of(String source, Provenance.Kind kind, Object value, boolean relays) {
        if (value instanceof Number) {
            BigDecimal n = ValueForms.number(value);
            return new Evidence(source, kind, String.valueOf(value), n == null ? Set.of() : Set.of(n), Set.of(),
                    relays);
        }
        String s = value == null ? "" : String.valueOf(value);
        return new Evidence(source, kind, ValueForms.text(s), Set.copyOf(ValueForms.numbersIn(s)),
                Set.copyOf(ValueForms.ibansIn(s)), relays);
    }

    /** Whether the argument value (in its forms) occurs here as a whole value. */
    boolean holds(String canonicalText, String iban, BigDecimal number) {
        if (number != null) {
            return informative(number) && numbers.stream().anyMatch(n -> n.compareTo(number) == 0);
        }
        if (iban != null) {
            return ibans.contains(iban);
        }
        return ValueForms.informative(canonicalText) && ValueForms.containsWhole(text, canonicalText);
    }
}

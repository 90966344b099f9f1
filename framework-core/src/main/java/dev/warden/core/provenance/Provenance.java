package dev.warden.core.provenance;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance of one argument value.
 *
 * @param kind the strongest origin the value could be traced to
 * @param source where: {@code "user request"}, a tool and item ({@code "get_most_recent_transactions[3].amount"}),
 *     or for a derived amount the formula over its operands; {@code null} when {@link Kind#NONE}, except for a value
 *     found only in a delegated run's task ({@code the task from agent '<caller>'}, decision 0073)
 * @param derived whether the value was computed from traced numbers rather than found as a whole
 * @param contested whether untrusted content also holds the value (the user typed an IBAN that a memo asks to pay):
 *     mentioning is not asking, so policies may want the user to confirm
 * @param known whether trusted data the run has read holds the value as a whole field (a payee the user's records
 *     show as a transfer's recipient, not an IBAN inside a note), whatever the strongest kind is
 * @param named whether the user's request holds the value as a proper name, however short ("Dora", "Bob"): whole
 *     words starting with capitals as typed, not only at a sentence start ({@link ValueForms#named}). Weaker than
 *     {@link Kind#USER}, which needs enough information to rule out chance: a policy uses it for the person a call
 *     is about (an invitee), never for values (amounts, addresses)
 * @param unique for an address-shaped value (e-mail, IBAN, web address): a source the request names as an address
 *     (a page, a file) holds it, every such source has been read by the run, and no content from others (endorsed or
 *     untrusted) the run has seen holds another value of the same shape — the sources the user pointed at chose the
 *     value, not the model
 * @param embedded for a longer text (a message body): the provenance of each address-shaped value written inside
 *     it, by its canonical form, so a plane asks the one definition of provenance about what a text quotes
 */
public record Provenance(Kind kind, String source, boolean derived, boolean contested, boolean known, boolean named,
        boolean unique, Map<String, Provenance> embedded) {

    /** Origins, strongest first. A derived value has the weakest kind of its operands. */
    public enum Kind {
        /** Typed by the user in this request, as a whole value. */
        USER,
        /** Found as a whole value in trusted data (the user's own records, bank-attested fields). */
        TRUSTED,
        /** Found only in untrusted content of a source the user's request names ("pay the bill in bill.txt"). */
        ENDORSED,
        /** Found only in untrusted content the user did not name. */
        UNTRUSTED,
        /** Found nowhere the run has seen, or only in a delegated run's task (the calling agent's model output). */
        NONE;

        /** The weaker of the two. */
        public Kind weakest(Kind other) {
            return ordinal() >= other.ordinal() ? this : other;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Provenance NONE = new Provenance(Kind.NONE, null, false, false, false);

    public Provenance(Kind kind, String source, boolean derived) {
        this(kind, source, derived, false, kind == Kind.TRUSTED);
    }

    public Provenance(Kind kind, String source, boolean derived, boolean contested, boolean known) {
        this(kind, source, derived, contested, known, false, false, Map.of());
    }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        embedded = embedded == null ? Map.of() : Map.copyOf(embedded);
    }

    /** This provenance with {@link #named}, {@link #unique} and {@link #embedded} set. */
    Provenance with(boolean named, boolean unique, Map<String, Provenance> embedded) {
        return new Provenance(kind, source, derived, contested, known, named, unique, embedded);
    }

    /** True for {@link Kind#USER} and {@link Kind#TRUSTED}. */
    public boolean clean() {
        return kind == Kind.USER || kind == Kind.TRUSTED;
    }

    /** The form policies see: {@code {kind: "user", source: "...", derived: false}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.label());
        m.put("source", source == null ? "" : source);
        m.put("derived", derived);
        m.put("contested", contested);
        m.put("known", known);
        m.put("named", named);
        m.put("unique", unique);
        if (!embedded.isEmpty()) {
            Map<String, Object> inner = new LinkedHashMap<>();
            embedded.forEach((v, p) -> inner.put(v, Map.of("kind", p.kind.label(), "source",
                    p.source == null ? "" : p.source)));
            m.put("embedded", inner);
        }
        return m;
    }

    @Override
    public String toString() {
        return kind.label() + (source == null ? "" : " (" + (derived ? "derived: " : "from ") + source + ")");
    }
}

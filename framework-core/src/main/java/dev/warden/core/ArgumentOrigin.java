package dev.warden.core;

import java.util.Objects;

/**
 * Where one argument value of a tool call came from, as a plane established it, so that the person asked to confirm
 * or approve the call sees it ("recipient from bill-december-2023.txt, untrusted").
 *
 * <p>Carried by the escalating decisions ({@link Decision.RequireApproval}, {@link Decision.RequireConfirmation}) and
 * collected by {@link Verdict#origins()}. Display only: a plane decides on provenance, an origin never changes an
 * outcome.
 *
 * <pre>{@code
 * new ArgumentOrigin("recipient", ArgumentOrigin.UNTRUSTED, "read_file",
 *         Labels.PUBLIC.withIntegrity(Integrity.UNTRUSTED));
 * }</pre>
 *
 * @param argument argument name or JSON path of the value ({@code recipient}, {@code items[0].iban})
 * @param provenance one of {@link #USER}, {@link #TRUSTED}, {@link #ENDORSED}, {@link #UNTRUSTED}, {@link #UNKNOWN}
 *     (planes may use further upper-case words)
 * @param source what it came from: {@code user request}, a tool name, a file or message; {@code null} when unknown
 * @param labels labels of the source, or {@code null} when unknown
 */
public record ArgumentOrigin(String argument, String provenance, String source, Labels labels) {
    /** Typed by the user in the request of this run. */
    public static final String USER = "USER";
    /** Read from a source the user controls (trusted integrity). */
    public static final String TRUSTED = "TRUSTED";
    /** Read from a source the user's request named ("pay the bill in X"). */
    public static final String ENDORSED = "ENDORSED";
    /** Read from content a third party controls. */
    public static final String UNTRUSTED = "UNTRUSTED";
    /** Seen nowhere the runtime can name. */
    public static final String UNKNOWN = "UNKNOWN";

    public ArgumentOrigin {
        Objects.requireNonNull(argument, "argument");
        provenance = provenance == null || provenance.isBlank() ? UNKNOWN : provenance;
    }
}

package dev.warden.core;

/**
 * Whether content comes from a source the principal controls. Untrusted content (a web page, an inbound email,
 * another tenant's record) must never be able to steer a high-risk action.
 */
public enum Integrity {
    TRUSTED,
    UNTRUSTED;

    /** Untrusted wins: once anything untrusted is mixed in, the whole is untrusted. */
    public Integrity join(Integrity other) {
        return this == UNTRUSTED || other == UNTRUSTED ? UNTRUSTED : TRUSTED;
    }
}

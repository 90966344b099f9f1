package dev.warden.core;

/** Confidentiality levels, totally ordered from least to most sensitive. */
public enum Confidentiality {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED;

    /** The higher of the two levels (lattice join). */
    public Confidentiality join(Confidentiality other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public boolean atLeast(Confidentiality other) {
        return ordinal() >= other.ordinal();
    }
}

package dev.warden.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Sensitivity and integrity labels carried by content and by a run's context.
 *
 * <p>Labels form a lattice: {@link #join(Labels)} takes the higher confidentiality level, the union of categories and
 * {@link Integrity#UNTRUSTED} if either side is untrusted. The context label of a run is the join of everything the
 * model has seen, so it only ever rises within a run.
 *
 * <p>Categories are upper-case identifiers such as {@code PII}, {@code PCI}, {@code PHI}, {@code CREDENTIALS}; custom
 * categories are allowed. Instances are immutable and safe to share.
 *
 * <pre>{@code
 * Labels crm = Labels.of(Confidentiality.CONFIDENTIAL, "PII");
 * Labels web = Labels.PUBLIC.withIntegrity(Integrity.UNTRUSTED);
 * Labels ctx = crm.join(web); // CONFIDENTIAL, [PII], UNTRUSTED
 * }</pre>
 */
public record Labels(Confidentiality level, SortedSet<String> categories, Integrity integrity) {

    /** The bottom of the lattice: public, no categories, trusted. */
    public static final Labels PUBLIC = new Labels(Confidentiality.PUBLIC, Collections.emptySortedSet(), Integrity.TRUSTED);

    /** Category wildcard, meaningful in a sink clearance only: the sink may receive any category. */
    public static final String ANY_CATEGORY = "*";

    /** The clearance of a sink that may receive anything: every level, every category, untrusted content. */
    public static final Labels UNRESTRICTED = new Labels(Confidentiality.RESTRICTED,
            new TreeSet<>(java.util.List.of(ANY_CATEGORY)), Integrity.UNTRUSTED);

    public Labels {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(integrity, "integrity");
        if (categories == null || categories.isEmpty()) {
            categories = Collections.emptySortedSet();
        } else {
            TreeSet<String> copy = new TreeSet<>();
            for (String c : categories) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException("label category must not be blank");
                }
                copy.add(c.trim().toUpperCase(java.util.Locale.ROOT));
            }
            categories = Collections.unmodifiableSortedSet(copy);
        }
    }

    public static Labels of(Confidentiality level, String... categories) {
        return of(level, java.util.List.of(categories));
    }

    public static Labels of(Confidentiality level, Collection<String> categories) {
        return new Labels(level, categories == null ? null : new TreeSet<>(categories), Integrity.TRUSTED);
    }

    public static Labels untrusted() {
        return PUBLIC.withIntegrity(Integrity.UNTRUSTED);
    }

    public Labels withIntegrity(Integrity value) {
        return value == integrity ? this : new Labels(level, categories, value);
    }

    public Labels withLevel(Confidentiality value) {
        return value == level ? this : new Labels(value, categories, integrity);
    }

    /** Lattice join: max level, union of categories, untrusted wins. Returns {@code this} when nothing changes. */
    public Labels join(Labels other) {
        if (other == null || other == this) {
            return this;
        }
        Confidentiality l = level.join(other.level);
        Integrity i = integrity.join(other.integrity);
        boolean sameCats = categories.containsAll(other.categories);
        if (l == level && i == integrity && sameCats) {
            return this;
        }
        if (l == other.level && i == other.integrity && other.categories.containsAll(categories)) {
            return other;
        }
        TreeSet<String> cats = new TreeSet<>(categories);
        cats.addAll(other.categories);
        return new Labels(l, cats, i);
    }

    /**
     * True when {@code this} is at or above {@code other} in every dimension of the lattice. Used as "may a sink with
     * clearance {@code this} receive content labelled {@code other}"; a clearance holding {@link #ANY_CATEGORY}
     * admits every category.
     */
    public boolean dominates(Labels other) {
        return level.atLeast(other.level)
                && (categories.contains(ANY_CATEGORY) || categories.containsAll(other.categories))
                && (integrity == Integrity.UNTRUSTED || other.integrity == Integrity.TRUSTED);
    }

    public boolean hasCategory(String category) {
        return categories.contains(category.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isUntrusted() {
        return integrity == Integrity.UNTRUSTED;
    }

    /** Compact form used in logs and span attributes, e.g. {@code CONFIDENTIAL[PII]/UNTRUSTED}. */
    @Override
    public String toString() {
        return level + (categories.isEmpty() ? "" : categories.toString().replace(" ", "")) + "/" + integrity;
    }
}

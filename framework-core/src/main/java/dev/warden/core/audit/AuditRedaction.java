package dev.warden.core.audit;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which labels keep values out of audit records: a value carrying one of them enters a record (and so the hash chain
 * and the argument digest) only as the salted, slow digest of {@link dev.warden.core.SecretArguments#digestOf}, the
 * mechanism SECRET arguments use — the chain still commits to the exact value and a disputed value can be checked,
 * but the record does not hold it.
 *
 * <p>Entries are confidentiality levels (a level covers itself and every level above it: {@code CONFIDENTIAL} also
 * digests RESTRICTED values) or categories ({@code PII}, {@code PHI}…). {@code SECRET} may be listed for clarity;
 * secret arguments are digested whatever this says. A tool call's arguments carry, at most, what the run had seen
 * when the model asked for it, so they are judged by the run's context label at that checkpoint — conservative: once a
 * run has read a RESTRICTED record every later argument of that run is digested.
 *
 * <pre>{@code
 * Governor.builder().captureArguments(true).auditRedaction(AuditRedaction.of(List.of("RESTRICTED", "SECRET")));
 * }</pre>
 *
 * @param minimumLevel the lowest level digested, or {@code null} when no level is listed
 * @param categories categories digested at any level
 */
public record AuditRedaction(Confidentiality minimumLevel, Set<String> categories) {
    /** Only SECRET arguments are digested (the behaviour before labels could be listed). */
    public static final AuditRedaction NONE = new AuditRedaction(null, Set.of());

    /** The name that stands for SECRET arguments, always digested. */
    public static final String SECRET = "SECRET";

    public AuditRedaction {
        categories = Set.copyOf(categories);
    }

    /** Parses level and category names (case-insensitive); blank entries are ignored. */
    public static AuditRedaction of(Collection<String> names) {
        Confidentiality min = null;
        Set<String> cats = new TreeSet<>();
        for (String raw : names == null ? Set.<String>of() : names) {
            String n = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
            if (n.isEmpty() || n.equals(SECRET)) {
                continue;
            }
            Confidentiality level = level(n);
            if (level != null) {
                min = min == null || !level.atLeast(min) ? level : min;
            } else {
                cats.add(n);
            }
        }
        return new AuditRedaction(min, cats);
    }

    /** Whether values carrying {@code labels} are kept out of records. */
    public boolean covers(Labels labels) {
        if (labels == null) {
            return minimumLevel != null || !categories.isEmpty();
        }
        if (minimumLevel != null && labels.level().atLeast(minimumLevel)) {
            return true;
        }
        for (String c : labels.categories()) {
            if (categories.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static Confidentiality level(String name) {
        for (Confidentiality c : Confidentiality.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}

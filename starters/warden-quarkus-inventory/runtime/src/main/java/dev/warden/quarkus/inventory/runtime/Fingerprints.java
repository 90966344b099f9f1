package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SHA-256 fingerprints that are equal on every replica running the same build and policies: only sorted collections
 * are hashed (the JDK's immutable sets iterate in a per-JVM random order, so {@code toString} of a rule would differ
 * between replicas and fake drift).
 */
public final class Fingerprints {
    private Fingerprints() {}

    /** A tool's name, description, argument schema and governance descriptor. */
    public static String tool(ToolDescriptor d) {
        var spec = d.specification();
        return sha256(List.of(d.name(), spec == null || spec.description() == null ? "" : spec.description(),
                spec == null || spec.parameters() == null ? "" : String.valueOf(spec.parameters()),
                String.valueOf(new TreeSet<>(d.effects().stream().map(Enum::name).toList())), d.risk().name(),
                String.valueOf(d.sourceLabels()), String.valueOf(d.sinkClearance()),
                String.valueOf(new TreeMap<>(d.argumentClearances())), String.valueOf(d.declared())));
    }

    /** A policy set's name, version and rules, field by field. */
    public static String policySet(PolicySet set) {
        StringBuilder b = new StringBuilder(set.name()).append('\n').append(set.version()).append('\n')
                .append(set.mode()).append('\n').append(set.priority());
        for (PolicyRule r : set.rules()) {
            b.append('\n').append(r.id()).append('|').append(r.plane()).append('|')
                    .append(new TreeSet<>(r.on().stream().map(Enum::name).toList())).append('|').append(r.when())
                    .append('|').append(r.decision()).append('|').append(r.reason()).append('|').append(r.code())
                    .append('|').append(new TreeSet<>(r.approvers())).append('|').append(r.ttl()).append('|')
                    .append(r.obligations() == null ? "" : r.obligations().stream()
                            .map(o -> o.type() + new TreeMap<>(o.parameters())).toList()).append('|').append(r.priority()).append('|').append(r.mode())
                    .append('|').append(r.set() == null ? "" : new TreeMap<>(r.set()));
        }
        return sha256(List.of(b.toString()));
    }

    /** One hash over named parts, independent of their order. */
    public static String combined(Map<String, String> parts) {
        return sha256(new TreeMap<>(parts).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static String sha256(Collection<String> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.warden.policy;

import dev.warden.core.Basis;
import java.util.List;

/**
 * A parsed {@code PolicySet} document ({@code apiVersion: warden.dev/v1}, {@code kind: PolicySet}).
 *
 * @param name {@code metadata.name}, unique among the sets loaded in one engine
 * @param version {@code metadata.version}, recorded in every decision
 * @param mode default mode of the rules; a rule may override it
 * @param priority default priority of the rules; a rule may override it
 * @param rules the rules, in document order
 * @param source where the document came from (file path, classpath resource, URL)
 */
public record PolicySet(String name, String version, Basis.Mode mode, int priority, List<PolicyRule> rules,
        String source) {
    public PolicySet {
        rules = List.copyOf(rules);
    }
}

package dev.warden.policy.internal;

import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Declassification;
import dev.warden.policy.DecisionKind;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The shape of a {@code decision: declassify} rule (decision 0039), checked at load with file, line and rule id:
 *
 * <pre>{@code
 * - id: requester-may-declassify-summaries
 *   plane: data-flow
 *   on: [TOOL_CALL]
 *   when: tool.name == "publish"
 *   decision: declassify
 *   declassify: { categories: [PII], level: RESTRICTED }
 *   ttl: 30m
 * }</pre>
 * {@code categories} (required, never CREDENTIALS, SECRET, UNLABELLED or {@code *}) are the categories the requester
 * may lower; {@code level} (default RESTRICTED) the highest level they may lower, to the sink's clearance.
 */
final class DeclassifyRules {
    private static final Set<String> KEYS = Set.of("categories", "level");

    private DeclassifyRules() {}

    static Declassification.Grant grant(YamlNodes y, Map<String, Node> m, String id, String plane,
            Set<Checkpoint> on, DecisionKind decision, Duration ttl) {
        if (decision != DecisionKind.DECLASSIFY) {
            y.problem(m.get("declassify"), "'declassify' is only allowed on declassify rules");
            return null;
        }
        if (!m.containsKey("declassify")) {
            y.problem(m.get("decision"), "a declassify rule needs 'declassify: {categories: [...], level: ...}': "
                    + "which labels the requester may lower");
            return null;
        }
        boolean ok = true;
        if (plane != null && !"data-flow".equals(plane)) {
            y.problem(m.get("plane"), "declassify rules belong to plane 'data-flow' (it asks for them when an egress "
                    + "exceeds a sink's clearance), not '" + plane + "'");
            ok = false;
        }
        if (on != null && !on.equals(Set.of(Checkpoint.TOOL_CALL))) {
            y.problem(m.get("on"), "declassify rules apply at [TOOL_CALL] only: only a tool call can wait for the "
                    + "requester's confirmation");
            ok = false;
        }
        Map<String, Node> d = y.mapping(m.get("declassify"), "declassify", KEYS);
        List<String> categories = y.strings(d, "categories");
        Set<String> cats = new LinkedHashSet<>();
        if (categories == null || categories.isEmpty()) {
            y.problem(m.get("declassify"), "declassify.categories must list at least one category");
            ok = false;
        } else {
            for (String c : categories) {
                String up = c.trim().toUpperCase(Locale.ROOT);
                if (Declassification.NEVER.contains(up)) {
                    y.problem(d.get("categories"), "category '" + c + "' is never declassified (credentials, secrets "
                            + "and unknown labels stay with the run)");
                    ok = false;
                }
                cats.add(up);
            }
        }
        Confidentiality level = Confidentiality.RESTRICTED;
        String l = y.text(d, "level", "declassify", false);
        if (l != null) {
            try {
                level = Confidentiality.valueOf(l.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                y.problem(d.get("level"), "declassify.level '" + l + "' is not a level (PUBLIC, INTERNAL, CONFIDENTIAL,"
                        + " RESTRICTED)");
                ok = false;
            }
        }
        return ok && id != null ? new Declassification.Grant(id, cats, level, ttl, null) : null;
    }
}

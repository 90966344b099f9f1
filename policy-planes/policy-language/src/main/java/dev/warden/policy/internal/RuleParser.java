package dev.warden.policy.internal;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Obligation;
import dev.warden.policy.DecisionKind;
import dev.warden.policy.PolicyRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Parses one entry of {@code rules:}; every shape error becomes a problem naming the rule id and the line. */
final class RuleParser {
    static final Set<String> RULE_KEYS = Set.of("id", "plane", "on", "when", "decision", "reason", "code",
            "approvers", "ttl", "obligations", "priority", "mode", "set", "description", "declassify");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

    /** Where a rule's expressions sit, so CEL errors can name the document line. */
    record Lines(Node when, Map<String, Node> set) {}

    record Parsed(PolicyRule rule, Lines lines) {}

    private final YamlNodes y;
    private final Set<String> planes;
    private final Basis.Mode setMode;
    private final int setPriority;

    private final Set<String> ruleless;

    RuleParser(YamlNodes y, Set<String> planes, Set<String> ruleless, Basis.Mode setMode, int setPriority) {
        this.y = y;
        this.planes = planes;
        this.ruleless = ruleless;
        this.setMode = setMode;
        this.setPriority = setPriority;
    }

    Parsed rule(Node node, Set<String> ids) {
        y.rule(null);
        Map<String, Node> m = y.mapping(node, "a rule", RULE_KEYS);
        String id = y.text(m, "id", "a rule at line " + YamlNodes.line(node), true);
        if (id != null && !ID.matcher(id).matches()) {
            y.problem(m.get("id"), "rule id '" + id + "' must match " + ID.pattern());
        } else if (id != null && !ids.add(id)) {
            y.rule(id);
            y.problem(m.get("id"), "duplicate rule id '" + id + "'");
            return null;
        }
        y.rule(id);
        String plane = y.text(m, "plane", "rule " + id, true);
        if (plane != null && ruleless.contains(plane)) {
            y.problem(m.get("plane"), "plane '" + plane + "' takes no YAML rules: it declares no rule vocabulary "
                    + "(PolicyPlane.vocabulary() returns null), so its rules would never be evaluated");
        } else if (plane != null && !planes.contains(plane)) {
            y.problem(m.get("plane"), "unknown plane '" + plane + "' (known: " + String.join(", ",
                    new java.util.TreeSet<>(planes)) + ")");
        }
        Set<Checkpoint> on = checkpoints(m);
        String when = y.text(m, "when", "rule " + id, true);
        String decisionText = y.text(m, "decision", "rule " + id, true);
        DecisionKind decision = decisionText == null ? null : DecisionKind.fromYaml(decisionText);
        if (decisionText != null && decision == null) {
            y.problem(m.get("decision"), "unknown decision '" + decisionText
                    + "' (allow, deny, require_approval, confirm, transform, declassify)");
        }
        Map<String, Node> setNodes = m.containsKey("set") ? y.mapping(m.get("set"), "set", null) : Map.of();
        checkDecisionShape(m, decision, setNodes);
        Integer priority = y.integer(m, "priority");
        Duration ttl = ttl(m);
        List<String> approvers = y.strings(m, "approvers");
        List<Obligation> obligations = obligations(m);
        Basis.Mode mode = mode(y, m, setMode);
        dev.warden.core.Declassification.Grant grant = decision == DecisionKind.DECLASSIFY || m.containsKey("declassify")
                ? DeclassifyRules.grant(y, m, id, plane, on, decision, ttl) : null;
        if (id == null || plane == null || on == null || when == null || decision == null) {
            return null;
        }
        Map<String, String> set = new LinkedHashMap<>();
        setNodes.forEach((k, v) -> set.put(k, v instanceof ScalarNode s ? s.getValue() : ""));
        PolicyRule rule = new PolicyRule(id, plane, on, when, decision, y.text(m, "reason", "", false),
                y.text(m, "code", "", false), approvers == null ? null : new LinkedHashSet<>(approvers), ttl,
                obligations, priority == null ? setPriority : priority, mode, set, YamlNodes.line(node), grant);
        return new Parsed(rule, new Lines(m.get("when"), setNodes));
    }

    private void checkDecisionShape(Map<String, Node> m, DecisionKind decision, Map<String, Node> set) {
        if (decision == DecisionKind.TRANSFORM && set.isEmpty()) {
            y.problem(m.get("decision"), "a transform rule needs a non-empty 'set:' map of argument → CEL value");
        }
        if (decision != DecisionKind.TRANSFORM && m.containsKey("set")) {
            y.problem(m.get("set"), "'set' is only allowed on transform rules");
        }
        if (decision != DecisionKind.REQUIRE_APPROVAL && m.containsKey("approvers")) {
            y.problem(m.get("approvers"), decision == DecisionKind.CONFIRM
                    ? "'approvers' is not allowed on confirm rules: the requester confirms (use require_approval)"
                    : "'approvers' and 'ttl' are only allowed on require_approval rules");
        }
        if (decision != DecisionKind.REQUIRE_APPROVAL && decision != DecisionKind.CONFIRM
                && decision != DecisionKind.DECLASSIFY && m.containsKey("ttl")) {
            y.problem(m.get("ttl"), "'ttl' is only allowed on require_approval, confirm and declassify rules");
        }
        if (decision != DecisionKind.ALLOW && m.containsKey("obligations")) {
            y.problem(m.get("obligations"), "'obligations' are only allowed on allow rules");
        }
        if (decision != DecisionKind.DENY && m.containsKey("code")) {
            y.problem(m.get("code"), "'code' is only allowed on deny rules");
        }
        set.forEach((k, v) -> {
            if (!(v instanceof ScalarNode)) {
                y.problem(v, "set." + k + " must be a CEL expression string");
            }
        });
    }

    private Set<Checkpoint> checkpoints(Map<String, Node> m) {
        List<String> names = y.strings(m, "on");
        if (names == null || names.isEmpty()) {
            y.problem(m.get("on"), "missing required key 'on' (a list of checkpoints)");
            return null;
        }
        Set<Checkpoint> out = EnumSet.noneOf(Checkpoint.class);
        for (String n : names) {
            try {
                out.add(Checkpoint.valueOf(n));
            } catch (IllegalArgumentException e) {
                y.problem(m.get("on"), "unknown checkpoint '" + n + "' (known: "
                        + Arrays.toString(Checkpoint.values()) + ")");
                return null;
            }
        }
        return out;
    }

    private Duration ttl(Map<String, Node> m) {
        String t = y.text(m, "ttl", "", false);
        if (t == null) {
            return null;
        }
        var sm = SHORT_DURATION.matcher(t.trim());
        try {
            if (sm.matches()) {
                long n = Long.parseLong(sm.group(1));
                return switch (sm.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(t.trim());
        } catch (RuntimeException e) {
            y.problem(m.get("ttl"), "ttl '" + t + "' must be like 30m, 4h, 2d or PT4H");
            return null;
        }
    }

    private List<Obligation> obligations(Map<String, Node> m) {
        Node n = m.get("obligations");
        if (n == null) {
            return List.of();
        }
        List<Obligation> out = new ArrayList<>();
        if (!(n instanceof org.yaml.snakeyaml.nodes.SequenceNode seq)) {
            y.problem(n, "'obligations' must be a list");
            return out;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(Obligation.of(s.getValue()));
                continue;
            }
            Map<String, Node> om = y.mapping(item, "an obligation", null);
            String type = y.text(om, "type", "an obligation", true);
            Map<String, String> params = new HashMap<>();
            om.forEach((k, v) -> {
                if (!k.equals("type") && v instanceof ScalarNode s) {
                    params.put(k, s.getValue());
                }
            });
            if (type != null) {
                out.add(new Obligation(type, params));
            }
        }
        return out;
    }

    static Basis.Mode mode(YamlNodes y, Map<String, Node> m, Basis.Mode dflt) {
        String t = y.text(m, "mode", "", false);
        if (t == null) {
            return dflt;
        }
        return switch (t) {
            case "enforce" -> Basis.Mode.ENFORCE;
            case "monitor" -> Basis.Mode.MONITOR;
            default -> {
                y.problem(m.get("mode"), "mode must be 'enforce' or 'monitor', got '" + t + "'");
                yield dflt;
            }
        };
    }
}
